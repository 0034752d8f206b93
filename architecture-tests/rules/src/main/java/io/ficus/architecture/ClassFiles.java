package io.ficus.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.tngtech.archunit.core.domain.JavaClass;

/** Reads the bytes of an imported class's class file, for what ArchUnit does not model (string literals, instruction order). */
public final class ClassFiles {

    private ClassFiles() {
    }

    public static Optional<byte[]> bytesOf(JavaClass type) {
        if (type.getSource().isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = type.getSource().get().getUri().toURL().openStream()) {
            return Optional.of(in.readAllBytes());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the class file of " + type.getName(), e);
        }
    }
}
