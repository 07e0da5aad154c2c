package com.vpcflow.monitoring.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.testing.CloudFormationTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/deploy.sh --dry-run: the exact commands it would run. */
class DeployScriptIT {

    record Result(int exit, List<String> out, String err) {}

    static Result run(String... args) throws IOException, InterruptedException {
        return runIn(Path.of("."), List.of("bash"), args);
    }

    /** deploy/deploy.sh of the directory {@code root}, with this shell. */
    static Result runIn(Path root, List<String> shell, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(shell);
        cmd.add(root.resolve("deploy/deploy.sh").toString());
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).start();
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

    @Test
    void theEfoParameterAndAnApplicationNameOverrideReachTheStackAndTheStartCommand() throws Exception {
        Result r = run(
                "--dry-run",
                "--stack",
                "flow-logs",
                "--bucket",
                "b",
                "--resource-id",
                "vpc-1",
                "--param",
                "EfoConsumerName=flow-job",
                "--param",
                "ApplicationName=flow-app");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> overrides = Arrays.asList(r.out()
                .get(2)
                .substring(r.out().get(2).indexOf("--parameter-overrides ") + 22)
                .split(" "));
        assertThat(overrides).contains("EfoConsumerName=flow-job", "ApplicationName=flow-app");
        assertThat(overrides).filteredOn(o -> o.startsWith("ApplicationName=")).hasSize(1);
        assertThat(r.out().get(3)).startsWith("aws kinesisanalyticsv2 start-application --application-name flow-app ");
    }

    /** A copy of deploy/ in a git repository of its own, with a stand-in jar. */
    private static Path scratchRepo(Path dir, String jarContent) throws Exception {
        Files.createDirectories(dir.resolve("deploy"));
        Files.createDirectories(dir.resolve("target"));
        Files.copy(Path.of("deploy/deploy.sh"), dir.resolve("deploy/deploy.sh"));
        Files.copy(Path.of("deploy/cloudformation.yaml"), dir.resolve("deploy/cloudformation.yaml"));
        Files.writeString(dir.resolve("target/vpc-flow-log-monitoring.jar"), jarContent);
        for (List<String> git : List.of(
                List.of("git", "init", "-q"),
                List.of("git", "add", "deploy"),
                List.of("git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x"))) {
            Process p =
                    new ProcessBuilder(git).directory(dir.toFile()).inheritIO().start();
            assertThat(p.waitFor()).as(String.join(" ", git)).isZero();
        }
        return dir;
    }

    private static String codeKey(Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        String upload = r.out().get(1);
        return upload.substring(upload.indexOf("s3://b/") + "s3://b/".length());
    }

    private static String sha256Prefix(Path file) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    }

    @Test
    void theCodeKeyChangesWithTheJarEvenOnTheSameCommit(@TempDir Path tmp) throws Exception {
        Path repo = scratchRepo(tmp.resolve("repo"), "jar one");
        String[] args = {"--dry-run", "--stack", "s", "--bucket", "b", "--resource-id", "vpc-1"};
        String clean = codeKey(runIn(repo, List.of("bash"), args));
        assertThat(clean)
                .matches("vpc-flow-log-monitoring/[0-9a-f]{7,}-"
                        + sha256Prefix(repo.resolve("target/vpc-flow-log-monitoring.jar"))
                        + "/vpc-flow-log-monitoring\\.jar");

        // uncommitted changes and a rebuilt jar: the same commit, another key, marked dirty
        Files.writeString(
                repo.resolve("deploy/cloudformation.yaml"), "\n# edited\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(repo.resolve("target/vpc-flow-log-monitoring.jar"), "jar two");
        String dirty = codeKey(runIn(repo, List.of("bash"), args));
        assertThat(dirty)
                .isNotEqualTo(clean)
                .contains("-dirty-" + sha256Prefix(repo.resolve("target/vpc-flow-log-monitoring.jar")));
        String commit = clean.split("/")[1].split("-")[0];
        assertThat(dirty.split("/")[1]).startsWith(commit + "-dirty-");
    }

    @Test
    void runsWithoutOptionalArraysUnderPosixModeAndGuardsEveryArrayThatMayBeEmpty() throws Exception {
        // bash before 4.4 (macOS ships 3.2) stops on "${empty[@]}" under set -u; none is installed here to run, so
        // the script is read instead: the arrays that may be empty are only expanded in the guarded form.
        String script = Files.readString(Path.of("deploy/deploy.sh"));
        String unguarded = script.replaceAll("\\$\\{(\\w+)\\[@]\\+\"\\$\\{\\1\\[@]}\"}", "");
        for (String mayBeEmpty : List.of("extra", "aws_opts")) {
            assertThat(script).contains("${" + mayBeEmpty + "[@]+\"${" + mayBeEmpty + "[@]}\"}");
            assertThat(unguarded).as(mayBeEmpty).doesNotContain("${" + mayBeEmpty + "[@]}");
        }
        Result r = runIn(
                Path.of("."),
                List.of("bash", "--posix"),
                "--dry-run",
                "--stack",
                "s",
                "--bucket",
                "b",
                "--resource-id",
                "vpc-1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).hasSize(4);
        assertThat(r.out().get(1)).startsWith("aws s3 cp ");
    }
}
