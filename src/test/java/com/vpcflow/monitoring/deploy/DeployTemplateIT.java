package com.vpcflow.monitoring.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.config.PropertyGroups;
import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.testing.CloudFormationTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** deploy/cloudformation.yaml, checked as an artefact: no AWS account is needed (or reachable) for these. */
class DeployTemplateIT {
    static final Path TEMPLATE = Path.of("deploy/cloudformation.yaml");
    static final Path JAR = Path.of(System.getProperty("job.jar", "target/vpc-flow-log-monitoring.jar"));

    @Test
    void everyReferenceAndConditionResolves() throws Exception {
        CloudFormationTemplate t = new CloudFormationTemplate(TEMPLATE);
        assertThat(t.references()).isNotEmpty().allSatisfy(name -> assertThat(t.isDefined(name))
                .as("%s is defined", name)
                .isTrue());
        t.walk(t.root(), n -> {
            if (n.isObject() && n.has("Fn::If")) {
                assertThat(t.conditions().has(n.get("Fn::If").get(0).asText()))
                        .as("condition %s", n.get("Fn::If").get(0))
                        .isTrue();
            }
        });
        // the template's default parameters evaluate without gaps (the flow-log format is meant to hold ${field}s)
        String logFormat = t.parameters().at("/FlowLogFormat/Default").asText();
        t.walk(t.resolve(t.resources()), n -> {
            if (n.isTextual() && !n.asText().equals(logFormat))
                assertThat(n.asText()).doesNotContain("${").isNotEqualTo("null");
        });
    }

    @Test
    void thePropertyGroupsAreSettingsTheJobAccepts() throws Exception {
        for (boolean withKeys : new boolean[] {false, true}) {
            CloudFormationTemplate t = new CloudFormationTemplate(TEMPLATE)
                    .set("FlowLogResourceId", "vpc-0123")
                    .set("CodeBucketName", "b");
            if (withKeys) {
                t.set("KmsEncryptedKeys", "AQIDBAUGBwg=")
                        .set("KmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/k")
                        .set("KmsEncryptionContextApp", "vpc-flow")
                        .set("Tags", "env:prod")
                        .set("Dimensions", "protocol,direction")
                        .set("PerRequestStats", "median,avg")
                        .set("MaxGroupsPerKey", "5")
                        .set("TopPeers", "3");
            }
            Map<String, Properties> groups = new java.util.LinkedHashMap<>();
            t.propertyGroups().forEach((id, map) -> {
                assertThat(PropertyGroups.GROUPS).containsKey(id);
                assertThat(PropertyGroups.GROUPS.get(id)).as("group %s", id).containsAll(map.keySet());
                Properties p = new Properties();
                p.putAll(map);
                groups.put(id, p);
            });
            JobConfig config = JobConfig.fromCommandLine(new String[0], groups);
            assertThat(config.sources().kind().name()).isEqualTo("KINESIS");
            assertThat(config.sources().kinesis().stream()).isEqualTo("FlowLogStream-physical-id");
            assertThat(config.datadog().apiKey().anyConfigured()).isEqualTo(withKeys);
            assertThat(config.pipeline().dimensions().toString())
                    .isEqualTo(withKeys ? "protocol,direction" : "protocol,ip,direction,aws_account,region");
            assertThat(config.pipeline().perRequestStats().toString())
                    .isEqualTo(withKeys ? "[MEDIAN, AVG]" : "[MIN, MEDIAN, P90, P95, P99, MAX]");
            assertThat(config.pipeline().maxGroupsPerKey()).isEqualTo(withKeys ? 5 : 0);
            assertThat(config.pipeline().topPeers()).isEqualTo(withKeys ? 3 : 0);
            if (withKeys)
                assertThat(config.datadog().apiKey().kmsEncryptionContext()).containsEntry("app", "vpc-flow");
            assertThat(config.pipeline().logFormat().toString()).isEqualTo(FlowLogFormat.DEFAULT_TEXT);
        }
    }

    @Test
    void theRuntimeMatchesTheBuildsFlinkVersion() throws Exception {
        String flink = System.getProperty("flink.version", "1.19.3");
        String expected = "FLINK-" + flink.replaceFirst("^(\\d+)\\.(\\d+).*", "$1_$2");
        CloudFormationTemplate t = new CloudFormationTemplate(TEMPLATE);
        assertThat(t.resources()
                        .at("/FlowLogApplication/Properties/RuntimeEnvironment")
                        .asText())
                .isEqualTo(expected);
    }

    @Test
    void iamStatementsNameNoWildcardResource() throws Exception {
        CloudFormationTemplate t = new CloudFormationTemplate(TEMPLATE)
                .set("EfoConsumerName", "flow-job") // every optional statement present
                .set("KmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/k")
                .set("KmsEncryptionContextApp", "vpc-flow");
        List<JsonNode> statements = new ArrayList<>();
        t.walk(t.resolve(t.resources()), n -> {
            if (n.isObject() && n.has("Statement")) n.get("Statement").forEach(statements::add);
        });
        assertThat(statements).hasSizeGreaterThan(8);
        for (JsonNode s : statements) {
            if (!s.has("Resource")) continue; // trust policies
            List<String> resources = new ArrayList<>();
            if (s.get("Resource").isArray()) s.get("Resource").forEach(r -> resources.add(r.asText()));
            else resources.add(s.get("Resource").asText());
            assertThat(resources).as("statement with Resource *: %s", s).doesNotContain("*");
        }
        // the job has no CloudWatch client, and CloudWatch refuses custom metrics in AWS/ namespaces anyway
        assertThat(statements)
                .noneSatisfy(s -> assertThat(s.get("Action").toString()).contains("cloudwatch:"));
        // the KMS permission is on the given key only, and bound to the encryption context
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Action").toString()).contains("kms:Decrypt");
            assertThat(s.get("Resource").asText()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/k");
            assertThat(s.at("/Condition/StringEquals/kms:EncryptionContext:app").asText())
                    .isEqualTo("vpc-flow");
        });
        // the subscription filter's role is assumable by CloudWatch Logs only, for this account's log groups
        JsonNode trust =
                t.resolve(t.resources()).at("/SubscriptionRole/Properties/AssumeRolePolicyDocument/Statement/0");
        assertThat(trust.at("/Principal/Service").asText()).isEqualTo("logs.amazonaws.com");
        assertThat(trust.at("/Condition/StringLike/aws:SourceArn").asText())
                .isEqualTo("arn:aws:logs:us-east-1:123456789012:*");
    }

    @Test
    void theCodeLocationIsTheJarTheBuildMakes() throws Exception {
        CloudFormationTemplate t = new CloudFormationTemplate(TEMPLATE);
        String codeKey = t.parameters().at("/CodeKey/Default").asText();
        assertThat(Path.of(codeKey).getFileName().toString())
                .isEqualTo(JAR.getFileName().toString());
        assertThat(JAR).exists();
        assertThat(t.resources()
                        .at(
                                "/FlowLogApplication/Properties/ApplicationConfiguration/ApplicationCodeConfiguration/CodeContent/S3ContentLocation/FileKey/Ref")
                        .asText())
                .isEqualTo("CodeKey");
        JsonNode snapshots = t.resources()
                .at(
                        "/FlowLogApplication/Properties/ApplicationConfiguration/ApplicationSnapshotConfiguration/SnapshotsEnabled");
        assertThat(snapshots.asBoolean()).isTrue();
    }

    /** All IAM statements of a role's inline policies, evaluated with the template's values. */
    static List<JsonNode> statementsOf(CloudFormationTemplate t, String role) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode policy : t.resolve(t.resources()).at("/" + role + "/Properties/Policies")) {
            policy.at("/PolicyDocument/Statement").forEach(statements::add);
        }
        return statements;
    }

    static List<String> actions(JsonNode statement) {
        List<String> actions = new ArrayList<>();
        statement.get("Action").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    @Test
    void enhancedFanOutIsGrantedExactlyWhenAConsumerNameIsGiven() throws Exception {
        CloudFormationTemplate polling = new CloudFormationTemplate(TEMPLATE);
        assertThat(statementsOf(polling, "ApplicationRole"))
                .noneSatisfy(s -> assertThat(s.get("Action").toString()).contains("Consumer"));
        assertThat(polling.propertyGroups().get("KinesisSource")).doesNotContainKey("efo-consumer");

        CloudFormationTemplate efo = new CloudFormationTemplate(TEMPLATE)
                .set("FlowLogResourceId", "vpc-0123")
                .set("CodeBucketName", "b")
                .set("EfoConsumerName", "flow-job");
        List<JsonNode> statements = statementsOf(efo, "ApplicationRole");
        assertThat(statements).anySatisfy(s -> {
            assertThat(actions(s)).containsExactly("kinesis:RegisterStreamConsumer");
            assertThat(s.get("Resource").asText()).isEqualTo("arn:aws:test:::FlowLogStream.Arn");
        });
        assertThat(statements).anySatisfy(s -> {
            assertThat(actions(s))
                    .containsExactly(
                            "kinesis:DescribeStreamConsumer",
                            "kinesis:SubscribeToShard",
                            "kinesis:DeregisterStreamConsumer");
            assertThat(s.get("Resource").asText()).isEqualTo("arn:aws:test:::FlowLogStream.Arn/consumer/*");
        });
        // the job reads the property and switches to EFO with that name
        Map<String, Properties> groups = new java.util.LinkedHashMap<>();
        efo.propertyGroups().forEach((id, map) -> {
            Properties p = new Properties();
            p.putAll(map);
            groups.put(id, p);
        });
        JobConfig config = JobConfig.fromCommandLine(new String[0], groups);
        assertThat(config.sources().kinesis().efoConsumer()).isEqualTo("flow-job");
        assertThat(com.vpcflow.monitoring.source.KinesisConsumerProperties.of(
                        config.sources().kinesis()))
                .containsEntry("flink.stream.recordpublisher", "EFO")
                .containsEntry("flink.stream.efo.consumername", "flow-job");
    }

    @Test
    void theDeliveryRolesHaveWhatTheirServicesNeedAndNoMore() throws Exception {
        CloudFormationTemplate t = new CloudFormationTemplate(TEMPLATE);
        // VPC user guide, "IAM role for publishing flow logs to CloudWatch Logs"
        List<String> flowLogActions = new ArrayList<>();
        statementsOf(t, "FlowLogDeliveryRole").forEach(s -> flowLogActions.addAll(actions(s)));
        assertThat(flowLogActions)
                .containsExactlyInAnyOrder(
                        "logs:CreateLogGroup",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents",
                        "logs:DescribeLogGroups",
                        "logs:DescribeLogStreams");
        // CloudWatch Logs delivers to a Kinesis stream with PutRecord
        List<JsonNode> subscription = statementsOf(t, "SubscriptionRole");
        assertThat(subscription).hasSize(1);
        assertThat(actions(subscription.get(0))).containsExactly("kinesis:PutRecord");
    }

    @Test
    void encryptedKeysWithoutTheirKeyArnAreRefusedBeforeDeploying() throws Exception {
        CloudFormationTemplate t = new CloudFormationTemplate(TEMPLATE);
        assertThat(t.failedRules()).as("defaults: a dry run").isEmpty();
        t.set("KmsEncryptedKeys", "AQIDBAUGBwg=");
        assertThat(t.failedRules()).singleElement().asString().contains("KmsKeyArn");
        t.set("KmsKeyArn", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(t.failedRules()).isEmpty();

        java.util.regex.Pattern keyArn = java.util.regex.Pattern.compile(
                t.parameters().at("/KmsKeyArn/AllowedPattern").asText());
        for (String ok : List.of(
                "",
                "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab")) {
            assertThat(keyArn.matcher(ok).matches()).as(ok).isTrue();
        }
        for (String bad : List.of(
                "alias/datadog",
                "arn:aws:kms:eu-west-1:123456789012:alias/datadog",
                "1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws:kms:eu-west-1:123456789012:key/")) {
            assertThat(keyArn.matcher(bad).matches()).as(bad).isFalse();
        }
    }

    @Test
    void theRetentionIsOneCloudWatchLogsAccepts() throws Exception {
        CloudFormationTemplate t = new CloudFormationTemplate(TEMPLATE);
        List<Integer> allowed = new ArrayList<>();
        t.parameters().at("/FlowLogRetentionDays/AllowedValues").forEach(v -> allowed.add(v.asInt()));
        // the values of PutRetentionPolicy's retentionInDays
        assertThat(allowed)
                .containsExactly(
                        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
                        3288, 3653);
        assertThat(allowed)
                .contains(t.parameters().at("/FlowLogRetentionDays/Default").asInt());
    }
}
