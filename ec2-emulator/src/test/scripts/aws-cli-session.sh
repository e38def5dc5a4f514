#!/usr/bin/env bash
# A scripted EC2 session with the AWS CLI v2 (Debian's `awscli`) against the EC2 emulator: a second client,
# independent of the AWS SDK for Java, so the emulator's Query wire layer is not only shaped to one SDK's parser.
#
# Usage: aws-cli-session.sh ENDPOINT        e.g. aws-cli-session.sh http://127.0.0.1:18555
#   AWS_CLI  the aws binary to use (default: /usr/bin/aws if present, else `aws` on PATH); must be CLI v2.
#
# Every aws call carries --endpoint-url and runs with dummy credentials, no config files, no instance metadata and
# no retries, so nothing can reach a real AWS endpoint. The emulator's virtual clock needs no driving: lifecycle
# delays default to zero and every call runs the transitions that are due. Each step prints `ok: <step>`; the first
# failed expectation prints expected vs got and exits 1.
set -euo pipefail

ENDPOINT=${1:?usage: $0 ENDPOINT (e.g. http://127.0.0.1:18555)}
ENDPOINT=${ENDPOINT%/}

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_PAGER= AWS_EC2_METADATA_DISABLED=true AWS_MAX_ATTEMPTS=1 AWS_RETRY_MODE=standard
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_REGION AWS_CA_BUNDLE

if [ -z "${AWS_CLI:-}" ]; then
  if [ -x /usr/bin/aws ]; then AWS_CLI=/usr/bin/aws; else AWS_CLI=$(command -v aws || true); fi
fi
command -v curl >/dev/null || { echo "FAIL: curl is needed for the emulator's control endpoint" >&2; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 (a dependency of Debian's awscli) is needed to read JSON" >&2; exit 1; }

fail() {
  echo "FAIL: $1" >&2
  echo "  expected: $2" >&2
  echo "  got:      $3" >&2
  exit 1
}
ok() { echo "ok: $1"; }
aws_ec2() { "$AWS_CLI" --endpoint-url "$ENDPOINT" --region us-east-1 --no-cli-pager ec2 "$@"; }
# A call that must succeed; the CLI's own error message is already on stderr.
ec2() {
  local rc=0
  aws_ec2 "$@" || rc=$?
  [ "$rc" = 0 ] || fail "aws ec2 $1" "exit 0" "exit $rc (CLI error above)"
}
trap 'echo "FAIL: line $LINENO: exit $? from: $BASH_COMMAND" >&2; exit 1' ERR
# POST /_emulator/<op> with a JSON body; fails on any non-2xx answer.
control() {
  local out
  if ! out=$(curl -sS --max-time 10 -X POST -H 'Content-Type: application/json' --data "$2" \
      -w '\n%{http_code}' "$ENDPOINT/_emulator/$1"); then
    fail "control $1" "HTTP 200" "curl failed"
  fi
  [ "${out##*$'\n'}" = 200 ] || fail "control $1 $2" "HTTP 200" "$out"
}
expect_eq() { [ "$3" = "$2" ] || fail "$1" "$2" "$3"; }

version=$("$AWS_CLI" --version 2>&1 || true)
case "$version" in aws-cli/2.*) ;; *) fail "AWS CLI version ($AWS_CLI)" "aws-cli/2.x" "$version" ;; esac
ok "cli $version"

cluster="cli-session-$$"

# 1. Catalog: the zones and their default subnets.
zones=$(ec2 describe-availability-zones --query 'sort(AvailabilityZones[].ZoneName)' --output text)
[[ " $(echo $zones) " == *" us-east-1a us-east-1b "* ]] || fail "describe-availability-zones" "us-east-1a us-east-1b …" "$zones"
ok "describe-availability-zones ($(echo $zones))"

subnets=$(ec2 describe-subnets \
  --filters Name=availability-zone,Values=us-east-1a,us-east-1b Name=default-for-az,Values=true \
  --query 'Subnets[] | sort_by(@, &AvailabilityZone)[].SubnetId' --output text)
read -r subnet_a subnet_b _ <<<"$subnets"
[[ "${subnet_a:-}" == subnet-* && "${subnet_b:-}" == subnet-* ]] \
  || fail "describe-subnets" "two subnet ids (us-east-1a, us-east-1b)" "${subnet_a:-} ${subnet_b:-}"
ok "describe-subnets ($subnet_a $subnet_b)"

# 2. A launch template for the node group.
lt_id=$(ec2 create-launch-template --launch-template-name "$cluster-compute" \
  --launch-template-data '{"ImageId":"ami-0123456789abcdef0","InstanceType":"m5.large","HibernationOptions":{"Configured":true}}' \
  --query 'LaunchTemplate.LaunchTemplateId' --output text)
[[ "$lt_id" == lt-* ]] || fail "create-launch-template" "lt-…" "$lt_id"
ok "create-launch-template ($lt_id)"

# 3. An instant Spot fleet of 6 over two overrides in two subnets. Each pool has 3 Spot slots, so the fleet must
#    use both overrides: that checks the CLI's serialisation of the overrides reached the fleet engine intact.
control setCapacity '{"instanceType":"m5.large","availabilityZone":"us-east-1a","market":"spot","available":3}'
control setCapacity '{"instanceType":"c5.large","availabilityZone":"us-east-1b","market":"spot","available":3}'
fleet_out=$(ec2 create-fleet --type instant \
  --launch-template-configs "[{\"LaunchTemplateSpecification\":{\"LaunchTemplateId\":\"$lt_id\",\"Version\":\"\$Latest\"},
      \"Overrides\":[{\"InstanceType\":\"m5.large\",\"SubnetId\":\"$subnet_a\"},
                     {\"InstanceType\":\"c5.large\",\"SubnetId\":\"$subnet_b\"}]}]" \
  --target-capacity-specification TotalTargetCapacity=6,DefaultTargetCapacityType=spot \
  --spot-options AllocationStrategy=price-capacity-optimized,InstanceInterruptionBehavior=terminate \
  --tag-specifications "ResourceType=instance,Tags=[{Key=spotburst:cluster,Value=$cluster}]" \
                       "ResourceType=fleet,Tags=[{Key=spotburst:cluster,Value=$cluster}]" \
  --query '[FleetId, length(Errors), join(`,`, Instances[].InstanceIds[]),
            join(`,`, sort(Instances[].LaunchTemplateAndOverrides.Overrides.SubnetId))]' --output text)
read -r fleet_id fleet_errors fleet_ids_csv fleet_subnets <<<"$fleet_out"
[[ "$fleet_id" == fleet-* ]] || fail "create-fleet FleetId" "fleet-…" "$fleet_out"
expect_eq "create-fleet Errors" 0 "$fleet_errors"
fleet_ids=$(tr ',' '\n' <<<"$fleet_ids_csv" | sort)
expect_eq "create-fleet instance count" 6 "$(grep -c '^i-' <<<"$fleet_ids" || true)"
expect_eq "create-fleet subnets used" "$(printf '%s\n' "$subnet_a" "$subnet_b" | sort | paste -sd,)" "$fleet_subnets"
ok "create-fleet --type instant ($fleet_id: $(echo $fleet_ids))"

# 4. Find them again by cluster tag over two CLI pages. --page-size 5 is the server's MaxResults (EC2's minimum):
#    page 1 is one server call whose 5 results the CLI cuts to --max-items 2 (its NextToken encodes the cut);
#    page 2 resumes from that token and follows the server's own NextToken for the 6th instance.
page1=$(ec2 describe-instances --filters "Name=tag:spotburst:cluster,Values=$cluster" \
  --page-size 5 --max-items 2 --output json)
# The CLI adds NextToken after --query is applied, so read page 1 as JSON (python3 comes with Debian's awscli).
page1_parsed=$(python3 -c '
import json, sys
d = json.load(sys.stdin)
ids = [i["InstanceId"] for r in d.get("Reservations", []) for i in r["Instances"]]
print(d.get("NextToken") or "-", ",".join(ids) or "-")' <<<"$page1")
read -r token ids1 <<<"$page1_parsed"
[ "$token" != - ] || fail "describe-instances --max-items 2" "a NextToken" "$page1"
page2=$(ec2 describe-instances --filters "Name=tag:spotburst:cluster,Values=$cluster" \
  --page-size 5 --starting-token "$token" \
  --query 'Reservations[].Instances[].[InstanceId, SubnetId, State.Name, InstanceLifecycle]' --output text)
seen=$( (tr ',' '\n' <<<"$ids1"; cut -f1 <<<"$page2") | grep '^i-' | sort)
expect_eq "describe-instances by tag, both pages" "$(echo $fleet_ids)" "$(echo $seen)"
expect_eq "fleet instances' state/lifecycle" "running spot" "$(cut -f3,4 <<<"$page2" | sort -u | xargs)"
ok "describe-instances tag filter + pagination ($(tr ',' ' ' <<<"$ids1" | wc -w) + $(wc -l <<<"$page2") instances)"

# 5. The fleet itself.
fleet_state=$(ec2 describe-fleets --fleet-ids "$fleet_id" \
  --query 'Fleets[0].[FleetId, Type, TargetCapacitySpecification.TotalTargetCapacity, FulfilledCapacity, Tags[?Key==`spotburst:cluster`].Value | [0]]' \
  --output text | xargs)
expect_eq "describe-fleets" "$fleet_id instant 6 6.0 $cluster" "$fleet_state"
ok "describe-fleets ($fleet_state)"

# 6. A persistent Spot Instance that hibernates when interrupted (spotburst's node type), in a pool with one slot
#    (set here so that the script can run again against the same emulator).
control setCapacity '{"instanceType":"r5.large","availabilityZone":"us-east-1a","market":"spot","available":1}'
spot_out=$(ec2 run-instances --launch-template "LaunchTemplateId=$lt_id,Version=\$Latest" \
  --instance-type r5.large --subnet-id "$subnet_a" --count 1 \
  --instance-market-options '{"MarketType":"spot","SpotOptions":{"SpotInstanceType":"persistent","InstanceInterruptionBehavior":"hibernate"}}' \
  --hibernation-options Configured=true \
  --tag-specifications "ResourceType=instance,Tags=[{Key=spotburst:cluster,Value=$cluster},{Key=Name,Value=$cluster-node-1}]" \
  --query 'Instances[0].[InstanceId, SpotInstanceRequestId, InstanceLifecycle, HibernationOptions.Configured]' --output text)
read -r spot_id sir_id spot_lifecycle spot_hib <<<"$spot_out"
[[ "$spot_id" == i-* && "$sir_id" == sir-* ]] || fail "run-instances spot" "i-… sir-…" "$spot_out"
expect_eq "run-instances lifecycle / hibernation" "spot True" "$spot_lifecycle $spot_hib"
ok "run-instances spot persistent + hibernate ($spot_id, $sir_id)"

# 7. EC2 reclaims the Spot pool (no spare capacity, so the persistent request cannot restart it) and interrupts it.
control setCapacity '{"instanceType":"r5.large","availabilityZone":"us-east-1a","market":"spot","available":0}'
control interrupt "{\"instanceId\":\"$spot_id\"}"
ok "interrupt via $ENDPOINT/_emulator/interrupt"

stopped=$(ec2 describe-instances --instance-ids "$spot_id" \
  --query 'Reservations[0].Instances[0].[State.Name, StateReason.Code]' --output text | xargs)
expect_eq "describe-instances after interruption" "stopped Server.SpotInstanceShutdown" "$stopped"
ok "describe-instances shows $spot_id stopped ($stopped)"

sir_state=$(ec2 describe-spot-instance-requests --spot-instance-request-ids "$sir_id" \
  --query 'SpotInstanceRequests[0].[State, Status.Code, Type, InstanceInterruptionBehavior, InstanceId]' \
  --output text | xargs)
expect_eq "describe-spot-instance-requests" "open instance-stopped-no-capacity persistent hibernate $spot_id" "$sir_state"
ok "describe-spot-instance-requests ($sir_state)"

cancelled=$(ec2 cancel-spot-instance-requests --spot-instance-request-ids "$sir_id" \
  --query 'CancelledSpotInstanceRequests[0].[SpotInstanceRequestId, State]' --output text | xargs)
expect_eq "cancel-spot-instance-requests" "$sir_id cancelled" "$cancelled"
ok "cancel-spot-instance-requests ($cancelled)"

# 8. Tear down: the stopped instance, then the fleet with its instances.
terminated=$(ec2 terminate-instances --instance-ids "$spot_id" \
  --query 'TerminatingInstances[0].[InstanceId, PreviousState.Name, CurrentState.Name]' --output text | xargs)
[[ "$terminated" == "$spot_id stopped "* ]] || fail "terminate-instances" "$spot_id stopped shutting-down|terminated" "$terminated"
ok "terminate-instances ($terminated)"

deleted=$(ec2 delete-fleets --fleet-ids "$fleet_id" --terminate-instances \
  --query '[length(SuccessfulFleetDeletions), length(UnsuccessfulFleetDeletions), SuccessfulFleetDeletions[0].FleetId]' \
  --output text | xargs)
expect_eq "delete-fleets --terminate-instances" "1 0 $fleet_id" "$deleted"
ok "delete-fleets --terminate-instances ($fleet_id)"

left=$(ec2 describe-instances --filters "Name=tag:spotburst:cluster,Values=$cluster" \
  Name=instance-state-name,Values=pending,running,stopping,stopped \
  --query 'length(Reservations[].Instances[])' --output text)
expect_eq "live instances of $cluster after teardown" 0 "$left"
ok "describe-instances: no live instances left"

# 9. Error path: an unknown instance id is EC2's InvalidInstanceID.NotFound, which the CLI exits 254 on.
if err=$(aws_ec2 describe-instances --instance-ids i-0123456789abcdef0 2>&1 >/dev/null); then
  fail "describe-instances with an unknown id" "a failing exit code" "exit 0"
else
  rc=$?
fi
[[ $rc == 254 || $rc == 255 ]] || fail "describe-instances bogus id exit code" "254 or 255" "$rc ($err)"
[[ "$err" == *"(InvalidInstanceID.NotFound)"* ]] || fail "describe-instances bogus id error" "InvalidInstanceID.NotFound" "$err"
ok "error path: InvalidInstanceID.NotFound, exit $rc"

echo "ok: session complete"
