# Shared by bin/synth, bin/deploy and bin/destroy: the CDK app, its pinned CLI, and the early checks.
# Expects $root (the repository root) and bin/lib/prereqs.sh to be sourced first.

stack_dir="$root/src/CognitoAuth.Stack"
function_dir="$root/artifacts/function"
cdk_out="$root/cdk.out"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1

die() { echo "error: $*" >&2; exit 1; }

require_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
    || die "Node.js and npm are required (the AWS CDK CLI and its jsii runtime run on Node 18 or later): https://nodejs.org/"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 18 ] || die "Node $(node --version) is too old for the AWS CDK CLI; install Node 18 or later."
  # jsii warns on every run once a Node release is past end-of-life; acknowledge the one in use.
  export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="$major"
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH: https://dot.net/"
}

aws_cli() {
  # The AWS CLI v2 (Debian's awscli is /usr/bin/aws; another `aws` on PATH may be an unrelated v1 shim).
  if [ -x /usr/bin/aws ]; then echo /usr/bin/aws; elif command -v aws >/dev/null 2>&1; then command -v aws; fi
}

require_aws_credentials() {
  local aws identity
  aws=$(aws_cli)
  if [ -n "$aws" ]; then
    # Resolves the same chain the CDK CLI uses (environment, profiles, SSO, instance roles) and proves it works.
    if ! identity=$("$aws" sts get-caller-identity --query Arn --output text \
                      --cli-connect-timeout 5 --cli-read-timeout 10 2>&1 | sed '/^[[:space:]]*$/d'); then
      die "AWS credentials could not be verified: 'aws sts get-caller-identity' said: $identity
Configure credentials (aws configure, aws sso login, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) and try again.
To synthesize the template without AWS, run bin/synth."
    fi
    echo "==> AWS identity: $identity"
  elif [ -z "${AWS_ACCESS_KEY_ID:-}" ] || [ -z "${AWS_SECRET_ACCESS_KEY:-}" ]; then
    if [ -z "${AWS_PROFILE:-}" ] && [ ! -f "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" ]; then
      die "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (install the AWS CLI v2 for a fuller check).
To synthesize the template without AWS, run bin/synth."
    fi
  fi
}

stack_options() {
  # stack_options ARGS...: the stack's own options as CDK context, in the array $cdk_args; every other argument is
  # passed to cdk as is.
  #   --refresh-token-rotation        the user app client rotates refresh tokens (-c refreshTokenRotation=true)
  #   --refresh-token-grace SECONDS   the rotation's reuse grace period, 0-60 (-c refreshTokenRotationGrace=SECONDS)
  cdk_args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --refresh-token-rotation) cdk_args+=(--context refreshTokenRotation=true) ;;
      --refresh-token-grace)
        [ $# -ge 2 ] || die "--refresh-token-grace needs SECONDS (0-60)"
        cdk_args+=(--context "refreshTokenRotationGrace=$2"); shift ;;
      --refresh-token-grace=*) cdk_args+=(--context "refreshTokenRotationGrace=${1#*=}") ;;
      *) cdk_args+=("$1") ;;
    esac
    shift
  done
}

publish_function() {
  # publish_function [DIR]: the function exactly as the stack deploys it (default: artifacts/function). bin/bench
  # publishes with this too, so the benchmarks measure what is deployed.
  local out=${1:-$function_dir}
  echo "==> dotnet publish src/CognitoAuth.Function (linux-x64, ReadyToRun) -> ${out#"$root"/}"
  rm -rf "$out"
  dotnet publish "$root/src/CognitoAuth.Function/CognitoAuth.Function.csproj" -c Release -r linux-x64 \
    --self-contained false -p:PublishReadyToRun=true -o "$out" --nologo -v:quiet
  [ -f "$out/CognitoAuth.Function.dll" ] && [ -f "$out/CognitoAuth.Function.runtimeconfig.json" ] \
    || die "the published function in $out lacks CognitoAuth.Function.dll or its runtimeconfig.json"
  grep -q '"tfm": "net10.0"' "$out/CognitoAuth.Function.runtimeconfig.json" \
    || die "the published function does not target net10.0 (the dotnet10 Lambda runtime)"
}

cdk() {
  # The CLI pinned in src/CognitoAuth.Stack/package-lock.json; cdk.json builds and runs the app.
  npm_ci "$stack_dir"
  (cd "$stack_dir" && node_modules/.bin/cdk "$@" --output "$cdk_out" \
     --context "functionCodePath=$function_dir")
}
