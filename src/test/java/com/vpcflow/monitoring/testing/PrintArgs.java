package com.vpcflow.monitoring.testing;

/** Prints each argument it receives on a line of its own, in brackets: what a main class behind exec:exec sees. */
public final class PrintArgs {
    private PrintArgs() {}

    public static void main(String[] args) {
        for (String a : args) System.out.println("[" + a + "]");
    }
}
