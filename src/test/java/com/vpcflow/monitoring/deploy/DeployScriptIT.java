package com.vpcflow.monitoring.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.testing.CloudFormationTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/deploy.sh --dry-run: the exact commands it would run. */
class DeployScriptIT {

    record Result(int exit, List<String> out, String err) {}

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "deploy/deploy.sh"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out.lines().toList(), err);
    }

    @Test
    void aDryRunPrintsBuildUploadDeployAndStart() throws Exception {
        Result r = run(
                "--dry-run",
                "--stack",
                "flow-logs",
                "--bucket",
                "my-code-bucket",
                "--resource-id",
                "vpc-0abc123",
                "--region",
                "eu-west-1",
                "--kms-key-arn",
                "arn:aws:kms:eu-west-1:123456789012:key/k",
                "--kms-encrypted-keys",
                "AQIDBA==",
                "--kms-context-app",
                "vpc-flow",
                "--datadog-site",
                "datadoghq.eu",
                "--param",
                "WindowSize=2min");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).hasSize(4);
        assertThat(r.out().get(0)).isEqualTo("mvn -B -q package -DskipTests");

        String upload = r.out().get(1);
        assertThat(upload)
                .matches("aws --region eu-west-1 s3 cp target/vpc-flow-log-monitoring\\.jar "
                        + "s3://my-code-bucket/vpc-flow-log-monitoring/[^/ ]+/vpc-flow-log-monitoring\\.jar");
        String key = upload.substring(upload.indexOf("s3://my-code-bucket/") + "s3://my-code-bucket/".length());

        String deploy = r.out().get(2);
        assertThat(deploy)
                .startsWith("aws --region eu-west-1 cloudformation deploy --stack-name flow-logs "
                        + "--template-file deploy/cloudformation.yaml --capabilities CAPABILITY_IAM");
        List<String> overrides = Arrays.asList(
                deploy.substring(deploy.indexOf("--parameter-overrides ") + 22).split(" "));
        assertThat(overrides)
                .contains(
                        "CodeBucketName=my-code-bucket",
                        "CodeKey=" + key,
                        "FlowLogResourceId=vpc-0abc123",
                        "KmsKeyArn=arn:aws:kms:eu-west-1:123456789012:key/k",
                        "KmsEncryptedKeys=AQIDBA==",
                        "KmsEncryptionContextApp=vpc-flow",
                        "DatadogSite=datadoghq.eu",
                        "WindowSize=2min",
                        "ApplicationName=flow-logs");
        CloudFormationTemplate template = new CloudFormationTemplate(Path.of("deploy/cloudformation.yaml"));
        for (String o : overrides) {
            assertThat(template.parameters().has(o.substring(0, o.indexOf('='))))
                    .as("template parameter of %s", o)
                    .isTrue();
        }
        assertThat(r.out().get(3))
                .startsWith("aws --region eu-west-1 kinesisanalyticsv2 start-application --application-name flow-logs");
    }

    @Test
    void missingRequiredOptionsStopWithAMessage() throws Exception {
        Result r = run("--dry-run", "--stack", "s", "--bucket", "b");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--resource-id is required");
        assertThat(run("--dry-run", "--nonsense").err()).contains("unknown option --nonsense");
    }
}
