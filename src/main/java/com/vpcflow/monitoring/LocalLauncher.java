package com.vpcflow.monitoring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The main class behind the local entry point {@code mvn -q compile exec:exec -Djob.args="…"}: Maven hands
 * {@code job.args} over untouched in the environment variable {@value #ARGS_VARIABLE} (its own command-line parser drops
 * empty quoted values and keeps backslashes), this splits it as a POSIX shell would and calls {@code main} of the class
 * named by its one argument. So {@code --log-format 'version vpc-id subnet-id …'} reaches the job as two arguments.
 */
public final class LocalLauncher {
    /** Where the exec plugin puts {@code job.args} (see the pom). */
    static final String ARGS_VARIABLE = "FLOWLOG_JOB_ARGS";
    /** Where the exec plugin puts the project's version, which Maven substitutes for {@code ${version}}. */
    static final String VERSION_VARIABLE = "FLOWLOG_PROJECT_VERSION";

    private LocalLauncher() {}

    public static void main(String[] args) throws Throwable {
        if (args.length != 1) {
            System.err.println("usage: LocalLauncher MAIN_CLASS, with the arguments in $" + ARGS_VARIABLE);
            System.exit(2);
        }
        String[] jobArgs;
        try {
            jobArgs = split(System.getenv().getOrDefault(ARGS_VARIABLE, ""));
            refuseMavenExpansion(jobArgs, System.getenv(VERSION_VARIABLE));
        } catch (IllegalArgumentException e) {
            System.err.println("Configuration error: -Djob.args: " + e.getMessage());
            System.exit(2);
            return;
        }
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) jobArgs);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Words of a command line, split the way a POSIX shell splits them: blanks separate words; single quotes keep
     * everything up to the next single quote; double quotes keep everything but {@code \"} and {@code \\}, which they
     * unescape; a backslash outside quotes keeps the next character; {@code ''} is an empty word.
     *
     * @throws IllegalArgumentException when a quote is not closed or the line ends in a lone backslash
     */
    static String[] split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) throw new IllegalArgumentException("a single quote is not closed: " + line.substring(i));
                word.append(line, i + 1, close);
                i = close;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0)
                        d = line.charAt(++j);
                    word.append(d);
                }
                if (j == line.length()) {
                    throw new IllegalArgumentException("a double quote is not closed: " + line.substring(i));
                }
                i = j;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 == line.length()) throw new IllegalArgumentException("it ends in a lone backslash");
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(word.toString());
        return words.toArray(String[]::new);
    }

    /**
     * Maven replaces {@code ${version}} in {@code -Djob.args} with the project's version before anything can see it,
     * so the AWS form of a log format cannot survive the trip. Refuses such a value, showing the plain form to use.
     */
    static void refuseMavenExpansion(String[] words, String projectVersion) {
        if (projectVersion == null || projectVersion.isEmpty()) return;
        Pattern expanded = Pattern.compile("(?<![\\w.-])" + Pattern.quote(projectVersion) + "(?![\\w.-])");
        for (String w : words) {
            if (w.contains("${") && expanded.matcher(w).find()) {
                String plain = expanded.matcher(w).replaceAll("version").replaceAll("\\$\\{([^}]*)}", "$1");
                throw new IllegalArgumentException("Maven replaced ${version} with the project's version "
                        + projectVersion + " in '" + w + "'; give the fields as plain names: '" + plain + "'");
            }
        }
    }
}
