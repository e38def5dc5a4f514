#!/bin/bash
# A minimal real Slurm 22.05 controller for the agent's e2e test: munged + slurmctld, no slurmd, cloud nodes that
# never boot. Everything lives under $DIR; slurmctld runs in the network namespace $NS, which has only `lo` (no
# default route, no link out: no packet can leave, slurm-findings P9) and in a private mount namespace with its own
# /etc/hosts (P5). Every client call goes through $DIR/bin/scontrol, which enters the same namespace and sets
# SLURM_CONF (P8).
#   mini-slurm.sh up DIR     start (cleaning leftovers of an earlier run first)
#   mini-slurm.sh down DIR   stop everything and delete the namespace
set -uo pipefail
cmd="$1" DIR="$(readlink -f "$2")"
NS=sbshims-e2e
export SLURM_CONF="$DIR/etc/slurm.conf"

down() {
  for pidfile in "$DIR/run/slurmctld.pid" "$DIR/run/munged.pid"; do
    if [ -s "$pidfile" ]; then
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null
      rm -f "$pidfile"
    fi
  done
  if ip netns list | grep -qw "$NS"; then
    for pid in $(ip netns pids "$NS"); do kill -9 "$pid" 2>/dev/null; done
    ip netns delete "$NS"
  fi
}

up() {
  down
  for p in munged mungekey slurmctld scontrol nsenter unshare ip; do
    command -v "$p" >/dev/null || { echo "missing $p (apt-get install slurmctld slurm-client munge iproute2)" >&2; exit 1; }
  done
  mkdir -p "$DIR"/{etc,run,log,state,munge,bin}
  chmod 700 "$DIR/munge"
  [ -f "$DIR/munge/munge.key" ] || mungekey --create --keyfile="$DIR/munge/munge.key" >/dev/null
  chmod 600 "$DIR/munge/munge.key"
  munged --key-file="$DIR/munge/munge.key" --socket="$DIR/run/munge.socket" --pid-file="$DIR/run/munged.pid" \
    --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed" --num-threads=2 || exit 1

  ip netns add "$NS"
  ip -n "$NS" link set lo up
  # slurmctld binds with getaddrinfo(AI_ADDRCONFIG), which finds nothing when only loopback has an address. A veth
  # pair with BOTH ends inside the namespace gives it one without any way out.
  ip -n "$NS" link add sbshims0 type veth peer name sbshims1
  ip -n "$NS" addr add 10.254.254.1/24 dev sbshims0
  ip -n "$NS" link set sbshims0 up
  ip -n "$NS" link set sbshims1 up
  if [ -n "$(ip -n "$NS" route show default)" ]; then echo "namespace $NS has a default route" >&2; down; exit 1; fi

  host=$(hostname -s)
  { cat /etc/hosts; echo "127.0.0.1 $host"; echo "127.0.0.2 aws-cpu-0"; echo "127.0.0.3 aws-cpu-1"; } > "$DIR/etc/hosts"
  cat > "$DIR/bin/suspend.sh" <<SH
#!/bin/sh
echo "suspend \$*" >> "$DIR/log/power.log"
SH
  cat > "$DIR/bin/resume.sh" <<SH
#!/bin/sh
echo "resume \$*" >> "$DIR/log/power.log"
SH
  chmod 755 "$DIR/bin/suspend.sh" "$DIR/bin/resume.sh"
  cat > "$SLURM_CONF" <<CONF
ClusterName=sbshims
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6917
SlurmdPort=6918
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/run/munge.socket
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool/slurmd.%n
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmctldDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmdTimeout=0
MessageTimeout=10
PrivateData=cloud
SuspendTime=600
SuspendTimeout=5
ResumeTimeout=60
ResumeRate=0
SuspendRate=0
ResumeProgram=$DIR/bin/resume.sh
SuspendProgram=$DIR/bin/suspend.sh
SlurmctldParameters=cloud_reg_addrs,idle_on_node_suspend,power_save_interval=1,power_save_min_interval=0
NodeName=aws-cpu-[0-1] CPUs=1 RealMemory=100 State=CLOUD Feature=aws
PartitionName=aws Nodes=aws-cpu-[0-1] Default=YES MaxTime=INFINITE State=UP
CONF
  cat > "$DIR/bin/scontrol" <<SH
#!/bin/sh
export SLURM_CONF="$SLURM_CONF"
exec nsenter --net=/run/netns/$NS /usr/bin/scontrol "\$@"
SH
  chmod 755 "$DIR/bin/scontrol"
  nsenter --net="/run/netns/$NS" unshare -m --propagation private /bin/sh -c \
    "mount --bind '$DIR/etc/hosts' /etc/hosts && exec /usr/sbin/slurmctld -f '$SLURM_CONF' -c -i" \
    >> "$DIR/log/slurmctld.stdout" 2>&1 || { down; exit 1; }
  for _ in $(seq 1 50); do
    timeout 5 "$DIR/bin/scontrol" ping 2>/dev/null | grep -q UP && exit 0
    kill -0 "$(cat "$DIR/run/slurmctld.pid" 2>/dev/null || echo 0)" 2>/dev/null || break
    sleep 0.2
  done
  echo "slurmctld did not come up; see $DIR/log/slurmctld.log" >&2
  down
  exit 1
}

case "$cmd" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down DIR" >&2; exit 2 ;;
esac
