package com.vpcflow.monitoring;

import com.vpcflow.monitoring.observability.ProgressCounter;

/** Prints a progress line to stderr every few seconds while a local job runs, and a summary when it ends. */
final class ProgressReporter {
    private final Thread thread;

    private ProgressReporter(Thread thread) {
        this.thread = thread;
    }

    static ProgressReporter start(long intervalMillis) {
        Thread t = new Thread(
                () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            Thread.sleep(intervalMillis);
                            System.err.println("[progress] " + ProgressCounter.line());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "progress-reporter");
        t.setDaemon(true);
        t.start();
        return new ProgressReporter(t);
    }

    void stop() {
        thread.interrupt();
        System.err.println("[summary] " + ProgressCounter.line());
    }
}
