package io.ficus.architecture.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed {@code docs/} folder: rewritten from generated content during local builds, and compared with it
 * in CI, where a difference fails the build instead of being silently fixed on a machine nobody looks at.
 */
public final class DocsFolder {

    /** How this repository rewrites its committed copy. */
    public static final String UPDATE_COMMAND = "./mvnw -pl architecture-tests/rules,architecture-tests/checks verify -Ddocs.update=true";

    private final Path root;
    private final String updateCommand;

    public DocsFolder(Path root) {
        this(root, UPDATE_COMMAND);
    }

    /** A folder whose stale-copy failure names the given command to rewrite it. */
    public DocsFolder(Path root, String updateCommand) {
        this.root = root;
        this.updateCommand = updateCommand;
    }

    /** Brings the folder in line with the generated files, or, when only checking, fails listing what differs. */
    public void synchronise(Map<String, String> generated, boolean checkOnly) {
        List<String> differences = differences(generated);
        if (differences.isEmpty()) {
            return;
        }
        if (checkOnly) {
            throw new AssertionError("The generated documentation in docs/ does not match the code: "
                    + String.join(", ", differences) + ". Run " + updateCommand + " and commit docs/.");
        }
        write(generated);
    }

    /** One entry per generated file that is missing or different, and per stale file left in a generated folder. */
    public List<String> differences(Map<String, String> generated) {
        List<String> differences = new ArrayList<>();
        generated.forEach((path, content) -> {
            Path file = root.resolve(path);
            if (!Files.exists(file)) {
                differences.add("docs/" + path + " is missing");
            }
            else if (!read(file).equals(content)) {
                differences.add("docs/" + path + " is out of date");
            }
        });
        strayFiles(generated).forEach(path -> differences.add("docs/" + path + " is no longer generated"));
        return differences;
    }

    private void write(Map<String, String> generated) {
        try {
            for (String stray : strayFiles(generated)) {
                Files.delete(root.resolve(stray));
            }
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root, e);
        }
    }

    /** Files in a folder that generation owns entirely (docs/modules) but that were not generated this time. */
    private List<String> strayFiles(Map<String, String> generated) {
        Path folder = root.resolve(GeneratedDocs.MODULES_FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> GeneratedDocs.MODULES_FOLDER + "/" + file.getFileName())
                    .filter(path -> !generated.containsKey(path)).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
