#!/usr/bin/env bash
# Build the job jar, upload it to S3 and create or update the CloudFormation stack that runs it on Amazon Managed
# Service for Apache Flink (deploy/cloudformation.yaml), then start the application if it is not running.
#
#   deploy/deploy.sh --stack NAME --bucket CODE_BUCKET --resource-id vpc-0123… [options]
#
# Options:
#   --region REGION                 AWS region (default: the AWS CLI's)
#   --resource-type VPC|Subnet|NetworkInterface   what --resource-id is (default VPC)
#   --kms-key-arn ARN               the KMS key that encrypted the Datadog keys
#   --kms-encrypted-keys BASE64     KMS ciphertext of {"api_key":…,"app_key":…} (omit for a dry run on MSF)
#   --kms-context-app VALUE         if encrypted with --encryption-context app=VALUE
#   --datadog-site SITE             e.g. datadoghq.eu (default datadoghq.com)
#   --param Key=Value               any other template parameter (repeatable)
#   --dry-run                       print every command instead of running it
set -euo pipefail
cd "$(dirname "$0")/.."

stack="" bucket="" resource_id="" region="" resource_type="VPC" kms_key="" kms_keys="" kms_app="" site="" dry_run=false
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
    --param) extra+=("$2"); shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "deploy.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for required in stack bucket resource_id; do
  if [ -z "${!required}" ]; then
    echo "deploy.sh: --${required//_/-} is required (see --help)" >&2
    exit 2
  fi
done

jar=target/vpc-flow-log-monitoring.jar
# A new key per build: CloudFormation sees the change and MSF loads the new code.
version=$(git rev-parse --short HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)
key="vpc-flow-log-monitoring/$version/vpc-flow-log-monitoring.jar"
aws_opts=()
[ -n "$region" ] && aws_opts+=(--region "$region")

params=("CodeBucketName=$bucket" "CodeKey=$key" "FlowLogResourceId=$resource_id" "FlowLogResourceType=$resource_type"
        "ApplicationName=$stack")
[ -n "$kms_key" ] && params+=("KmsKeyArn=$kms_key")
[ -n "$kms_keys" ] && params+=("KmsEncryptedKeys=$kms_keys")
[ -n "$kms_app" ] && params+=("KmsEncryptionContextApp=$kms_app")
[ -n "$site" ] && params+=("DatadogSite=$site")
params+=("${extra[@]}")

run() { # print the command; run it unless this is a dry run
  printf '%q ' "$@" | sed 's/ $//'
  echo
  if ! $dry_run; then "$@"; fi
}

run mvn -B -q package -DskipTests
run aws "${aws_opts[@]}" s3 cp "$jar" "s3://$bucket/$key"
run aws "${aws_opts[@]}" cloudformation deploy --stack-name "$stack" --template-file deploy/cloudformation.yaml \
  --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides "${params[@]}"
if $dry_run; then
  run aws "${aws_opts[@]}" kinesisanalyticsv2 start-application --application-name "$stack" \
    --run-configuration '{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"RESTORE_FROM_LATEST_SNAPSHOT"}}'
else
  status=$(aws "${aws_opts[@]}" kinesisanalyticsv2 describe-application --application-name "$stack" \
    --query ApplicationDetail.ApplicationStatus --output text)
  if [ "$status" = READY ]; then
    run aws "${aws_opts[@]}" kinesisanalyticsv2 start-application --application-name "$stack" \
      --run-configuration '{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"RESTORE_FROM_LATEST_SNAPSHOT"}}'
  else
    echo "application $stack is $status: CloudFormation has updated it in place"
  fi
fi
