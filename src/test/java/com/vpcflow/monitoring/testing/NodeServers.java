package com.vpcflow.monitoring.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the tests' Node.js servers (kinesalite, s3rver) share: installed with {@code npm ci} from the lockfile pinned
 * in their folder, on first use; started on a free loopback port; ready when the port accepts connections.
 */
final class NodeServers {
    private NodeServers() {}

    /**
     * {@code npm ci} in {@code home} unless {@code installed} (a file of the package) is there already; without
     * {@code node} the test fails saying what to install.
     */
    static synchronized void install(Path home, String installed, String what)
            throws IOException, InterruptedException {
        if (Files.exists(home.resolve(installed))) return;
        try {
            new ProcessBuilder("node", "--version").start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "These tests need Node.js and npm to run " + what
                            + ": install them (e.g. apt-get install nodejs npm) and run the tests again",
                    e);
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(new File(home.toFile(), "npm-ci.log"))
                .start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed in " + home + ": see npm-ci.log there");
        }
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code command} and waits (30 s at most) until {@code port} accepts connections. */
    static Process start(List<String> command, int port, String what) throws IOException, InterruptedException {
        Path log = Files.createTempFile(what, ".log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket ignored = new Socket()) {
                ignored.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException(what + " did not start: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }
}
