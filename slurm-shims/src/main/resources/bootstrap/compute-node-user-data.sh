#!/bin/bash
# spotburst compute-node bootstrap (cloud-init user data, runs as root at first boot).
#
# 1. Learns this instance's Slurm node name, trying on every attempt, until found or SPOTBURST_NAME_WAIT_SECONDS:
#    a. the instance's Name tag through IMDSv2 (needs "instance metadata tags" in the launch template). Only nodes
#       whose launch call carries per-node tags have one (per-node RunInstances, single-node fleets, or
#       "NodeNameTags": "always"); multi-node fleets do not, to save one CreateTags call per instance.
#    b. the launch record in the state table: DynamoDB GetItem of pk=LAUNCH#<instance-id>, sk=LAUNCH, attribute
#       "node" (written by the control plane right after CreateFleet returns, so normally there before we boot),
#       signed with curl's SigV4 and the instance role's credentials from IMDS. Skipped when no table is set.
#    The name must look like <partition>-<group>-<index>.
# 2. Sets the hostname and records the node name for systemd and for humans (/etc/spotburst/node-name).
# 3. Starts slurmd as that node: `slurmd -b -N <node>` through a systemd drop-in. -b is required for cloud nodes:
#    without it slurmctld ignores the registration of a POWERING_UP node (slurm-findings P2).
# 4. Installs a systemd sleep hook and a oneshot service that repair the node after hibernation resume:
#    NFS mounts answered again (remount, retried up to 120 s), clock stepped (chronyc makestep), slurmd kicked.
#
# Settings: the stack's launch templates put SPOTBURST_STATE_TABLE and SPOTBURST_STATE_TABLE_REGION in the block
# below; a user's own launch template sets them the same way (or in the environment). Everything outside the
# instance is parameterised for tests (defaults are the real ones):
#   SPOTBURST_STATE_TABLE        state table name; empty = Name tag only
#   SPOTBURST_STATE_TABLE_REGION region of the state table (default: this instance's region, from IMDS)
#   SPOTBURST_DYNAMODB_ENDPOINT  DynamoDB endpoint (https://dynamodb.<region>.amazonaws.com)
#   SPOTBURST_IMDS_URL           IMDS base URL            (http://169.254.169.254)
#   SPOTBURST_ROOT               file-system root prefix  (empty = /)
#   SPOTBURST_NAME_WAIT_SECONDS  give up finding the node name after this long (900; old name
#                                SPOTBURST_TAG_WAIT_SECONDS still read)
#   SPOTBURST_RETRY_SECONDS      pause between attempts (2)
set -euo pipefail

# --- spotburst settings (the stack inserts its values here) ---
# --- end of spotburst settings ---

IMDS="${SPOTBURST_IMDS_URL:-http://169.254.169.254}"
ROOT="${SPOTBURST_ROOT:-}"
NAME_WAIT="${SPOTBURST_NAME_WAIT_SECONDS:-${SPOTBURST_TAG_WAIT_SECONDS:-900}}"
RETRY="${SPOTBURST_RETRY_SECONDS:-2}"
TABLE="${SPOTBURST_STATE_TABLE:-}"
NODE_NAME_SHAPE='^[a-zA-Z0-9]+-[a-zA-Z0-9]+-(0|[1-9][0-9]{0,8})$'

log() { echo "spotburst-bootstrap: $*" >&2; logger -t spotburst-bootstrap -- "$*" 2>/dev/null || true; }

imds_token() {
  curl -sf --connect-timeout 2 --max-time 5 -X PUT "$IMDS/latest/api/token" \
    -H "X-aws-ec2-metadata-token-ttl-seconds: 21600"
}

imds_get() {  # $1 token, $2 path below /latest/meta-data/
  curl -sf --connect-timeout 2 --max-time 5 -H "X-aws-ec2-metadata-token: $1" "$IMDS/latest/meta-data/$2"
}

json_string() {  # $1 field name; reads one JSON object on stdin, prints the field's string value (no escapes)
  tr -d '\n' | sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"\\]*\)".*/\1/p'
}

# The two sources set NODE on success and WHY (what is missing or failed) otherwise. They run in this shell, not in
# $(...), so that those variables reach the loop.
NODE=""
WHY=""

name_from_tag() {  # $1 token
  local tags
  if NODE=$(imds_get "$1" tags/instance/Name) && [ -n "$NODE" ]; then
    return 0
  fi
  if tags=$(imds_get "$1" tags/instance) && [ -n "$tags" ]; then
    WHY="instance tags carry no Name"  # launched by a multi-node fleet: the launch record has the name
  else
    WHY="no instance tags in IMDS (yet)"
  fi
  return 1
}

name_from_table() {  # $1 token
  local instance_id role creds key secret session region endpoint body response
  if ! instance_id=$(imds_get "$1" instance-id); then
    WHY="no instance-id from IMDS"
    return 1
  fi
  role=$(imds_get "$1" iam/security-credentials/ | head -n 1 || true)
  if [ -z "$role" ]; then
    WHY="no instance role credentials in IMDS (instance profile attached?)"
    return 1
  fi
  if ! creds=$(imds_get "$1" "iam/security-credentials/$role"); then
    WHY="cannot read the credentials of role $role from IMDS"
    return 1
  fi
  key=$(json_string AccessKeyId <<<"$creds")
  secret=$(json_string SecretAccessKey <<<"$creds")
  session=$(json_string Token <<<"$creds")
  region="${SPOTBURST_STATE_TABLE_REGION:-}"
  if [ -z "$region" ] && ! region=$(imds_get "$1" placement/region); then
    WHY="no region from IMDS"
    return 1
  fi
  endpoint="${SPOTBURST_DYNAMODB_ENDPOINT:-https://dynamodb.$region.amazonaws.com}"
  body=$(printf '{"TableName":"%s","Key":{"pk":{"S":"LAUNCH#%s"},"sk":{"S":"LAUNCH"}},"ConsistentRead":true,%s}' \
    "$TABLE" "$instance_id" '"ProjectionExpression":"#n","ExpressionAttributeNames":{"#n":"node"}')
  # Credentials reach curl through its config on stdin, not argv, so other processes cannot read them from ps.
  if ! response=$(printf 'user = "%s:%s"\nheader = "x-amz-security-token: %s"\n' "$key" "$secret" "$session" \
      | curl -sS --fail-with-body --connect-timeout 3 --max-time 10 -K - --aws-sigv4 "aws:amz:$region:dynamodb" \
        -H "X-Amz-Target: DynamoDB_20120810.GetItem" -H "Content-Type: application/x-amz-json-1.0" \
        --data "$body" "$endpoint/" 2>&1); then
    WHY="GetItem on $endpoint failed: $response"
    return 1
  fi
  response=$(tr -d '\n' <<<"$response")
  if [[ "$response" == *'"__type"'* ]]; then
    WHY="GetItem on table $TABLE failed: $response"
    return 1
  fi
  NODE=$(sed -n 's/.*"node"[[:space:]]*:[[:space:]]*{[[:space:]]*"S"[[:space:]]*:[[:space:]]*"\([^"\\]*\)".*/\1/p' <<<"$response")
  if [ -z "$NODE" ]; then
    WHY="no launch record LAUNCH#$instance_id in table $TABLE (yet)"
    return 1
  fi
}

# A token can expire on a very long wait: fetch a fresh one on every attempt.
source=""
last_why=""
deadline=$(( $(date +%s) + NAME_WAIT ))
while :; do
  if token=$(imds_token); then
    if name_from_tag "$token"; then
      source="Name tag"
      break
    fi
    # A missing Name goes on to the launch record at once: with tags in the launch call the Name would be there.
    if [ -n "$TABLE" ]; then
      tag_why="$WHY"
      if name_from_table "$token"; then
        source="launch record in table $TABLE"
        break
      fi
      WHY="$tag_why; $WHY"
    fi
  else
    WHY="IMDS does not answer at $IMDS"
  fi
  if [ "$WHY" != "$last_why" ]; then
    log "still looking for the node name: $WHY"
    last_why="$WHY"
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    if [ -n "$TABLE" ]; then
      log "no node name after ${NAME_WAIT}s: no Name tag and no launch record in table $TABLE (last: $WHY); was the instance launched by spotburst, with InstanceMetadataTags enabled and dynamodb:GetItem on the table?"
    else
      log "no Name tag after ${NAME_WAIT}s and no SPOTBURST_STATE_TABLE to read the launch record from; is InstanceMetadataTags enabled in the launch template?"
    fi
    exit 1
  fi
  sleep "$RETRY"
done
node="$NODE"

if ! [[ "$node" =~ $NODE_NAME_SHAPE ]]; then
  log "node name '$node' (from the $source) is not a valid Slurm node name (<partition>-<group>-<index>)"
  exit 1
fi
log "this instance is Slurm node $node (from the $source)"

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
