package com.vpcflow.monitoring.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.Bodies;
import com.vpcflow.monitoring.testing.CloudFormationTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MSF jar, run the way MSF runs it: its main class, with Flink (the provided scope) beside it on the classpath. */
class ShadedJarIT {
    static final Path JAR = Path.of(System.getProperty("job.jar", "target/vpc-flow-log-monitoring.jar"));

    @TempDir
    Path tmp;

    @Test
    void theJarHoldsTheJobButNotFlink() throws Exception {
        long size = java.nio.file.Files.size(JAR);
        System.out.printf("job jar: %s, %.1f MiB%n", JAR.getFileName(), size / 1048576.0);
        assertThat(size).as("jar size").isLessThanOrEqualTo(45L << 20);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            // the Kinesis Producer Library's native binaries: a job that only reads never runs them
            assertThat(jar.stream().map(java.util.jar.JarEntry::getName))
                    .noneMatch(n -> n.startsWith("amazon-kinesis-producer-native-binaries/"));
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("com.vpcflow.monitoring.FlowLogMonitoringJob");
            assertThat(jar.getEntry("com/vpcflow/monitoring/FlowLogMonitoringJob.class"))
                    .isNotNull();
            assertThat(jar.getEntry("org/apache/flink/streaming/connectors/kinesis/FlinkKinesisConsumer.class"))
                    .isNotNull();
            assertThat(jar.getEntry("com/datadoghq/sketch/ddsketch/DDSketch.class"))
                    .isNotNull();
            assertThat(jar.getEntry("software/amazon/awssdk/services/kms/KmsClient.class"))
                    .isNotNull();
            assertThat(jar.getEntry("iana-protocol-numbers.txt")).isNotNull();
            // zstd's natives for the Linux machines MSF runs on, and for no other platform
            assertThat(jar.stream()
                            .map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.matches(".*libzstd-jni[^/]*\\.(so|dylib|dll)")))
                    .extracting(n -> n.substring(0, n.lastIndexOf('/')))
                    .containsExactlyInAnyOrder("linux/amd64", "linux/aarch64");
            // provided by MSF: the Flink runtime and logging
            assertThat(jar.getEntry("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class"))
                    .isNull();
            assertThat(jar.getEntry("org/apache/logging/log4j/core/Logger.class"))
                    .isNull();
            // dropped for size: the SDK's Netty and Apache HTTP clients
            assertThat(jar.getEntry("software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient.class"))
                    .isNull();
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA)")))
                    .isEmpty();
        }
    }

    @Test
    void itsMainClassRunsWithTheTemplatesPropertyGroupsAndProducesSeries() throws Exception {
        // application_properties.json as MSF would hand it over: the template's groups, with the generator source
        CloudFormationTemplate template = new CloudFormationTemplate(Path.of("deploy/cloudformation.yaml"))
                .set("FlowLogResourceId", "vpc-0123")
                .set("CodeBucketName", "b")
                .set("Tags", "env:msf-test");
        ObjectMapper json = new ObjectMapper();
        ArrayNode groups = json.createArrayNode();
        for (Map.Entry<String, Map<String, String>> g :
                template.propertyGroups().entrySet()) {
            if (g.getKey().equals("KinesisSource")) continue; // replaced by the generator
            ObjectNode group = groups.addObject();
            group.put("PropertyGroupId", g.getKey());
            ObjectNode map = group.putObject("PropertyMap");
            g.getValue().forEach(map::put);
            if (g.getKey().equals("FlowLogJob")) {
                map.put("source", "generator");
                map.put("generator-payloads", "120");
                map.put("generator-rate", "1000");
                map.put("generator-start", "1700000000");
            }
        }
        Path props = tmp.resolve("application_properties.json");
        json.writeValue(props.toFile(), groups);
        Path out = tmp.resolve("bodies.jsonl");

        String classpath = JAR
                + java.io.File.pathSeparator
                + Files.readString(Path.of("target/provided-classpath.txt")).trim();
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(opens());
        cmd.addAll(List.of(
                "-cp",
                classpath,
                "com.vpcflow.monitoring.FlowLogMonitoringJob",
                "--properties-file",
                props.toString(),
                "--output",
                out.toString(),
                "--parallelism",
                "2"));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("job.log").toFile())
                .start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the job finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("job.log"))).isZero();

        List<MetricSeries> points = Bodies.readLines(out);
        assertThat(points).isNotEmpty();
        // the template's settings reached the job: region from AWS::Region, tags, the 60s windows
        assertThat(points).allSatisfy(s -> assertThat(s.tags).contains("region:us-east-1", "env:msf-test"));
        assertThat(points).filteredOn(s -> s.type == MetricSeries.COUNT).allSatisfy(s -> assertThat(s.interval)
                .isEqualTo(60));
        assertThat(Files.readString(tmp.resolve("job.log"), StandardCharsets.UTF_8))
                .doesNotContain("Configuration error");
    }

    @Test
    void anUnknownPropertyKeyStopsTheJobNamingIt() throws Exception {
        Path props = tmp.resolve("bad.json");
        Files.writeString(props, "[{\"PropertyGroupId\":\"Windows\",\"PropertyMap\":{\"window-sise\":\"60s\"}}]");
        String classpath = JAR
                + java.io.File.pathSeparator
                + Files.readString(Path.of("target/provided-classpath.txt")).trim();
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(opens());
        cmd.addAll(List.of(
                "-cp",
                classpath,
                "com.vpcflow.monitoring.FlowLogMonitoringJob",
                "--properties-file",
                props.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).contains("Configuration error: Unknown setting 'window-sise' in property group 'Windows'");
    }

    static List<String> opens() {
        List<String> o = new ArrayList<>();
        for (String pkg : List.of(
                "java.lang",
                "java.util",
                "java.lang.reflect",
                "java.io",
                "java.net",
                "java.nio",
                "sun.nio.ch",
                "java.text",
                "java.time",
                "java.util.concurrent",
                "java.util.concurrent.atomic",
                "java.util.concurrent.locks")) {
            o.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
        return o;
    }
}
