#!/bin/bash
# spotburst compute-node bootstrap (cloud-init user data, runs as root at first boot).
#
# 1. Asks IMDSv2 for this instance's Name tag (spotburst tags every instance with its Slurm node name; needs
#    "instance metadata tags" enabled in the launch template). Retries until the tag shows up.
# 2. Sets the hostname and records the node name for systemd and for humans (/etc/spotburst/node-name).
# 3. Starts slurmd as that node: `slurmd -b -N <node>` through a systemd drop-in. -b is required for cloud nodes:
#    without it slurmctld ignores the registration of a POWERING_UP node (slurm-findings P2).
# 4. Installs a systemd sleep hook and a oneshot service that repair the node after hibernation resume:
#    NFS mounts answered again (remount, retried up to 120 s), clock stepped (chronyc makestep), slurmd kicked.
#
# Everything outside the instance is parameterised for tests (defaults are the real ones):
#   SPOTBURST_IMDS_URL        IMDS base URL            (http://169.254.169.254)
#   SPOTBURST_ROOT            file-system root prefix  (empty = /)
#   SPOTBURST_TAG_WAIT_SECONDS give up waiting for the Name tag after this long (900)
#   SPOTBURST_RETRY_SECONDS   pause between IMDS attempts (2)
set -euo pipefail

IMDS="${SPOTBURST_IMDS_URL:-http://169.254.169.254}"
ROOT="${SPOTBURST_ROOT:-}"
TAG_WAIT="${SPOTBURST_TAG_WAIT_SECONDS:-900}"
RETRY="${SPOTBURST_RETRY_SECONDS:-2}"

log() { echo "spotburst-bootstrap: $*" >&2; logger -t spotburst-bootstrap -- "$*" 2>/dev/null || true; }

imds_token() {
  curl -sf --connect-timeout 2 --max-time 5 -X PUT "$IMDS/latest/api/token" \
    -H "X-aws-ec2-metadata-token-ttl-seconds: 21600"
}

imds_get() {  # $1 token, $2 path below /latest/meta-data/
  curl -sf --connect-timeout 2 --max-time 5 -H "X-aws-ec2-metadata-token: $1" "$IMDS/latest/meta-data/$2"
}

# The Name tag can lag the launch by a few seconds (tags are applied by the launch call or just after it), and a
# token can expire on a very long wait: fetch a fresh token on every attempt.
node=""
deadline=$(( $(date +%s) + TAG_WAIT ))
while :; do
  if token=$(imds_token) && node=$(imds_get "$token" tags/instance/Name) && [ -n "$node" ]; then
    break
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "no Name tag after ${TAG_WAIT}s; is InstanceMetadataTags enabled in the launch template?"
    exit 1
  fi
  sleep "$RETRY"
done

if ! [[ "$node" =~ ^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$ ]]; then
  log "Name tag '$node' is not a valid Slurm node name"
  exit 1
fi
log "this instance is Slurm node $node"

hostnamectl set-hostname "$node"

mkdir -p "$ROOT/etc/spotburst" "$ROOT/etc/systemd/system/slurmd.service.d" "$ROOT/usr/local/sbin" \
  "$ROOT/etc/systemd/system" "$ROOT/usr/lib/systemd/system-sleep"
printf '%s\n' "$node" > "$ROOT/etc/spotburst/node-name"

# Debian (/etc/default/slurmd) and SchedMD (/etc/sysconfig/slurmd) units both pass $SLURMD_OPTIONS to slurmd.
# A drop-in EnvironmentFile is read after the unit's own, so this value wins over the distribution default.
printf 'SLURMD_OPTIONS="-b -N %s"\n' "$node" > "$ROOT/etc/spotburst/slurmd.env"
cat > "$ROOT/etc/systemd/system/slurmd.service.d/spotburst.conf" <<'UNIT'
[Service]
EnvironmentFile=/etc/spotburst/slurmd.env
UNIT

cat > "$ROOT/usr/local/sbin/spotburst-node-resume" <<'HANDLER'
#!/bin/bash
# Runs after the instance resumed from hibernation (spotburst-node-resume.service, started by the sleep hook).
set -uo pipefail
ROOT="${SPOTBURST_ROOT:-}"
NFS_WAIT="${SPOTBURST_NFS_WAIT_SECONDS:-120}"
log() { echo "spotburst-node-resume: $*" >&2; logger -t spotburst-node-resume -- "$*" 2>/dev/null || true; }

# The clock stood still while hibernated; jobs, munge credentials and Slurm timeouts all need the right time.
if command -v chronyc >/dev/null 2>&1; then
  chronyc makestep || log "chronyc makestep failed"
fi

# NFS: a mount answers again by itself unless the server moved on; remount the ones that do not, for up to 120 s.
deadline=$(( $(date +%s) + NFS_WAIT ))
while read -r _ mountpoint fstype _; do
  case "$fstype" in nfs|nfs4) ;; *) continue ;; esac
  until timeout 10 stat -f "$mountpoint" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "NFS mount $mountpoint still not answering after ${NFS_WAIT}s"
      break
    fi
    log "remounting $mountpoint"
    umount -f -l "$mountpoint" 2>/dev/null || true
    mount "$mountpoint" || true
    sleep 2
  done
done < "$ROOT/proc/mounts"

# A running slurmd only needs to re-register (SIGHUP via reload). Restarting it would make -b report a fresh boot,
# which slurmctld treats as an unexpected reboot and kills the jobs we hibernated to save.
if systemctl is-active --quiet slurmd; then
  systemctl reload slurmd
else
  systemctl restart slurmd
fi
log "resume handling done"
HANDLER
chmod 755 "$ROOT/usr/local/sbin/spotburst-node-resume"

cat > "$ROOT/etc/systemd/system/spotburst-node-resume.service" <<'UNIT'
[Unit]
Description=spotburst: repair NFS, clock and slurmd after hibernation resume
After=network-online.target

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/spotburst-node-resume
UNIT

# systemd-sleep calls hooks with (pre|post) (suspend|hibernate|hybrid-sleep|suspend-then-hibernate). The repair
# runs as its own service so a slow NFS server does not hold up systemd-sleep.
cat > "$ROOT/usr/lib/systemd/system-sleep/spotburst" <<'HOOK'
#!/bin/sh
if [ "$1" = post ]; then
  systemctl start --no-block spotburst-node-resume.service
fi
HOOK
chmod 755 "$ROOT/usr/lib/systemd/system-sleep/spotburst"

systemctl daemon-reload
systemctl enable slurmd
systemctl restart slurmd
log "slurmd started as $node"
