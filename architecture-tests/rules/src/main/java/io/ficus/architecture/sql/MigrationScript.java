package io.ficus.architecture.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A module's Flyway migration script, read from the same jar or folder as the module's classes.
 *
 * @param module the module whose folder holds it
 * @param path its path inside the jar or folder, e.g. {@code db/migration/orders/V1__orders.sql}
 * @param sql its content
 */
public record MigrationScript(String module, String path, String sql) {

    /**
     * The scripts under {@code location/module/} that sit beside the given classes; scripts of other
     * deployables on the same classpath (an extracted service's own {@code db/migration}) are left out.
     */
    public static List<MigrationScript> load(String location, String module, Collection<JavaClass> besideClasses) {
        Set<String> roots = rootsOf(besideClasses);
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + location + "/" + module + "/**/*.sql");
            List<MigrationScript> scripts = new ArrayList<>();
            for (Resource resource : resources) {
                String url = normalized(resource.getURL().toString());
                roots.stream().filter(url::startsWith).findFirst()
                        .ifPresent(root -> scripts.add(new MigrationScript(module, url.substring(root.length()), read(resource))));
            }
            scripts.sort(Comparator.comparing(MigrationScript::path));
            return scripts;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list migrations under " + location + "/" + module, e);
        }
    }

    public List<TableReference> references() {
        return SqlText.references(sql);
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The jar or folder URLs the classes were loaded from (the class's URI less its own path). */
    static Set<String> rootsOf(Collection<JavaClass> classes) {
        Set<String> roots = new TreeSet<>();
        for (JavaClass type : classes) {
            type.getSource().ifPresent(source -> {
                String uri = normalized(source.getUri().toString());
                String own = type.getName().replace('.', '/') + ".class";
                if (uri.endsWith(own)) {
                    roots.add(uri.substring(0, uri.length() - own.length()));
                }
            });
        }
        return roots;
    }

    /** ArchUnit writes {@code file:///x}, Spring {@code file:/x}: one spelling for both. */
    private static String normalized(String url) {
        return url.replace("file:///", "file:/");
    }
}
