package io.ficus.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The manifests the build rendered for one place (target/manifests/&lt;place&gt;), parsed strictly. */
record RenderedPlace(String name, Path directory, List<Path> files, List<HasMetadata> resources) {

    static final Path MANIFESTS = Path.of("target", "manifests");

    private static final Map<String, RenderedPlace> LOADED = new ConcurrentHashMap<>();

    /** Parsed once per test run: every test class reads the same rendered files. */
    static RenderedPlace load(String place) {
        return LOADED.computeIfAbsent(place, RenderedPlace::parse);
    }

    private static RenderedPlace parse(String place) {
        Path directory = MANIFESTS.resolve(place);
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no rendered manifests in " + directory + " (the build renders them)", e);
        }
        StrictManifestParser parser = new StrictManifestParser();
        List<HasMetadata> resources = new ArrayList<>();
        for (Path file : files) {
            resources.addAll(parser.parse(read(file), file.toString()));
        }
        return new RenderedPlace(place, directory, files, List.copyOf(resources));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> kind, String name) {
        return all(kind).stream().filter(resource -> name.equals(resource.getMetadata().getName())).findFirst();
    }

    @Override
    public String toString() {
        return name;
    }
}
