package io.ficus.architecture.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts the bullet lists in a Spring Modulith module canvas, whose order follows class-scanning order and so
 * changes from one run to the next; a committed copy can only be checked against a deterministic one.
 */
final class CanvasNormalizer {

    private CanvasNormalizer() {
    }

    static String normalize(String canvas) {
        String[] lines = canvas.split("\n", -1);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (!startsItem(lines[i])) {
                out.add(lines[i++]);
                continue;
            }
            boolean opensCell = lines[i].startsWith("|");
            List<List<String>> items = new ArrayList<>();
            while (i < lines.length && (startsItem(lines[i]) && (items.isEmpty() || !lines[i].startsWith("|"))
                    || lines[i].startsWith("**"))) {
                String line = items.isEmpty() && opensCell ? lines[i].substring(1) : lines[i];
                if (line.startsWith("* ")) {
                    items.add(new ArrayList<>());
                }
                items.get(items.size() - 1).add(line);
                i++;
            }
            items.sort(Comparator.comparing(item -> String.join("\n", item)));
            for (int item = 0; item < items.size(); item++) {
                for (int line = 0; line < items.get(item).size(); line++) {
                    String text = items.get(item).get(line);
                    out.add(item == 0 && line == 0 && opensCell ? "|" + text : text);
                }
            }
        }
        return String.join("\n", out);
    }

    private static boolean startsItem(String line) {
        return line.startsWith("* ") || line.startsWith("|* ");
    }
}
