#!/usr/bin/env bash
# Build the job jar, upload it to S3 and create or update the CloudFormation stack that runs it on Amazon Managed
# Service for Apache Flink (deploy/cloudformation.yaml), then start the application if it is not running.
#
#   deploy/deploy.sh --stack NAME --bucket CODE_BUCKET --resource-id vpc-0123… [options]
#
# Options:
#   --region REGION                 AWS region (default: the AWS CLI's)
#   --resource-type VPC|Subnet|NetworkInterface   what --resource-id is (default VPC)
#   --kms-key-arn ARN               the KMS key (its ARN, not an alias) that encrypted the Datadog keys
#   --kms-encrypted-keys BASE64     KMS ciphertext of {"api_key":…,"app_key":…} (omit for a dry run on MSF)
#   --kms-context-app VALUE         if encrypted with --encryption-context app=VALUE
#   --datadog-site SITE             e.g. datadoghq.eu (default datadoghq.com)
#   --param Key=Value               any other template parameter (repeatable), e.g. EfoConsumerName=flow-job
#   --dry-run                       print every command instead of running it
#
# Runs with the bash 3.2 of macOS too: no empty array is expanded bare under `set -u`.
set -euo pipefail
cd "$(dirname "$0")/.."

stack="" bucket="" resource_id="" region="" resource_type="VPC" kms_key="" kms_keys="" kms_app="" site="" dry_run=false
app_name=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --stack) stack=$2; shift 2 ;;
    --bucket) bucket=$2; shift 2 ;;
    --resource-id) resource_id=$2; shift 2 ;;
    --resource-type) resource_type=$2; shift 2 ;;
    --region) region=$2; shift 2 ;;
    --kms-key-arn) kms_key=$2; shift 2 ;;
    --kms-encrypted-keys) kms_keys=$2; shift 2 ;;
    --kms-context-app) kms_app=$2; shift 2 ;;
    --datadog-site) site=$2; shift 2 ;;
    --param)
      case "$2" in ApplicationName=*) app_name=${2#ApplicationName=} ;; *) extra+=("$2") ;; esac
      shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "deploy.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for required in stack bucket resource_id; do
  if [ -z "${!required}" ]; then
    echo "deploy.sh: --${required//_/-} is required (see --help)" >&2
    exit 2
  fi
done
# The application's name, decided once: the stack's unless --param ApplicationName=… says otherwise.
[ -n "$app_name" ] || app_name=$stack

jar=target/vpc-flow-log-monitoring.jar
aws_opts=()
[ -n "$region" ] && aws_opts+=(--region "$region")

run() { # print the command; run it unless this is a dry run
  printf '%q ' "$@" | sed 's/ $//'
  echo
  if ! $dry_run; then "$@"; fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -c1-64; else shasum -a 256 "$1" | cut -c1-64; fi
}

run mvn -B -q package -DskipTests
# A key per distinct jar: the commit names it, the jar's content hash tells builds of the same commit apart (a tree
# with uncommitted changes), so CloudFormation always sees new code as a change and MSF loads it.
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unversioned)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit-dirty"
fi
if [ -f "$jar" ]; then
  jar_hash=$(sha256 "$jar" | cut -c1-12)
else
  jar_hash=JAR-SHA256 # a dry run before any build: the real run hashes the jar it has just built
fi
key="vpc-flow-log-monitoring/$commit-$jar_hash/vpc-flow-log-monitoring.jar"

params=("CodeBucketName=$bucket" "CodeKey=$key" "FlowLogResourceId=$resource_id" "FlowLogResourceType=$resource_type"
        "ApplicationName=$app_name")
[ -n "$kms_key" ] && params+=("KmsKeyArn=$kms_key")
[ -n "$kms_keys" ] && params+=("KmsEncryptedKeys=$kms_keys")
[ -n "$kms_app" ] && params+=("KmsEncryptionContextApp=$kms_app")
[ -n "$site" ] && params+=("DatadogSite=$site")
# "${a[@]+"${a[@]}"}": nothing for an empty array, where bash before 4.4 would stop on an unbound variable.
params+=(${extra[@]+"${extra[@]}"})

run aws ${aws_opts[@]+"${aws_opts[@]}"} s3 cp "$jar" "s3://$bucket/$key"
run aws ${aws_opts[@]+"${aws_opts[@]}"} cloudformation deploy --stack-name "$stack" \
  --template-file deploy/cloudformation.yaml --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset \
  --parameter-overrides "${params[@]}"
start=(aws ${aws_opts[@]+"${aws_opts[@]}"} kinesisanalyticsv2 start-application --application-name "$app_name"
       --run-configuration '{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"RESTORE_FROM_LATEST_SNAPSHOT"}}')
if $dry_run; then
  run "${start[@]}"
else
  status=$(aws ${aws_opts[@]+"${aws_opts[@]}"} kinesisanalyticsv2 describe-application --application-name "$app_name" \
    --query ApplicationDetail.ApplicationStatus --output text)
  if [ "$status" = READY ]; then
    run "${start[@]}"
  else
    echo "application $app_name is $status: CloudFormation has updated it in place"
  fi
fi
