package io.ficus.reconciliation;

import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code java -jar ficus-reconciliation-exec.jar --left URL --right URL --key sku}: prints the report and exits
 * 0 when both sides hold the same records, 1 when they differ, 2 when the comparison could not be made. An export
 * that needs a token (notifications-service's is for staff only) gets it from the environment variable
 * {@code FICUS_TOKEN}, never from the command line, where other users of the machine could read it.
 */
public final class ReconciliationCommand {

    static final int CLEAN = 0;
    static final int DIFFERENT = 1;
    static final int ERROR = 2;

    private static final String USAGE = """
            usage: --left <export URL> --right <export URL> [--key sku] [--page-size 500]
                   [--ignore field,field] [--max-lines 50]
            a bearer token for both sides: the environment variable FICUS_TOKEN
            exit status: 0 clean, 1 differences found, 2 error""";

    private ReconciliationCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv("FICUS_TOKEN")));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    static int run(String[] args, PrintStream out, PrintStream err, String bearerToken) {
        Map<String, String> options;
        ReconciliationReport report;
        try {
            options = parse(args);
            report = Reconciliation.between(uri(options, "left"), uri(options, "right"))
                    .key(options.getOrDefault("key", "sku"))
                    .pageSize(Integer.parseInt(options.getOrDefault("page-size", "500")))
                    .ignoring(ignored(options.get("ignore")))
                    .bearerToken(bearerToken)
                    .run();
        }
        catch (IllegalArgumentException e) {
            err.println("reconciliation: " + e.getMessage());
            err.println(USAGE);
            return ERROR;
        }
        catch (ReconciliationException e) {
            err.println("reconciliation failed: " + e.getMessage());
            return ERROR;
        }
        out.print(report.render(Integer.parseInt(options.getOrDefault("max-lines", "50"))));
        return report.isClean() ? CLEAN : DIFFERENT;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            }
            else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            }
            else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        Set<String> known = Set.of("left", "right", "key", "page-size", "ignore", "max-lines");
        options.keySet().stream().filter(option -> !known.contains(option)).findFirst().ifPresent(option -> {
            throw new IllegalArgumentException("unknown option --" + option);
        });
        for (String number : new String[] { "page-size", "max-lines" }) {
            if (options.containsKey(number) && !options.get(number).matches("[1-9][0-9]{0,5}")) {
                throw new IllegalArgumentException("--" + number + " must be a positive number");
            }
        }
        return options;
    }

    private static URI uri(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        URI uri = URI.create(value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--" + name + " must be an http(s) URL: " + value);
        }
        return uri;
    }

    private static Set<String> ignored(String list) {
        return list == null ? Set.of()
                : Arrays.stream(list.split(",")).map(String::strip).filter(f -> !f.isEmpty()).collect(Collectors.toSet());
    }
}
