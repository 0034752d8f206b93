package io.ficus.architecture;

import java.util.List;
import java.util.Optional;

import com.tngtech.archunit.core.domain.JavaClass;

/**
 * Tells which deployable a class belongs to, from its package alone, so that a new extracted service is picked up
 * as soon as its classes are on the classpath.
 *
 * @param systemPackage the package every deployable lives under, e.g. {@code io.ficus}
 * @param monolithPackage the monolith's base package, e.g. {@code io.ficus.shop}
 * @param gatewayPackage the gateway's base package, e.g. {@code io.ficus.gateway}
 * @param servicesPackage the parent of every extracted service's package, e.g. {@code io.ficus.services}
 *        ({@code io.ficus.services.catalog} is the service "catalog")
 * @param sharedPackages shared infrastructure every deployable may use, e.g. {@code io.ficus.platform}
 */
public record Deployables(String systemPackage, String monolithPackage, String gatewayPackage, String servicesPackage,
        List<String> sharedPackages) {

    public Deployables {
        sharedPackages = List.copyOf(sharedPackages);
    }

    /** The Ficus convention: {@code <system>.shop}, {@code <system>.gateway}, {@code <system>.services.<name>}, {@code <system>.platform}. */
    public static Deployables conventional(String systemPackage) {
        return new Deployables(systemPackage, systemPackage + ".shop", systemPackage + ".gateway",
                systemPackage + ".services", List.of(systemPackage + ".platform"));
    }

    /** The deployable's name ("monolith", "gateway", "service 'catalog'"), empty for shared or unrelated code. */
    public Optional<String> deployableOf(JavaClass type) {
        String name = type.getPackageName();
        if (within(name, monolithPackage)) {
            return Optional.of("monolith");
        }
        if (within(name, gatewayPackage)) {
            return Optional.of("gateway");
        }
        if (name.startsWith(servicesPackage + ".")) {
            String rest = name.substring(servicesPackage.length() + 1);
            return Optional.of("service '" + (rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest) + "'");
        }
        return Optional.empty();
    }

    public boolean isMonolith(JavaClass type) {
        return within(type.getPackageName(), monolithPackage);
    }

    public boolean isGateway(JavaClass type) {
        return within(type.getPackageName(), gatewayPackage);
    }

    public boolean isService(JavaClass type) {
        return type.getPackageName().startsWith(servicesPackage + ".");
    }

    public boolean isShared(JavaClass type) {
        return sharedPackages.stream().anyMatch(shared -> within(type.getPackageName(), shared));
    }

    private static boolean within(String packageName, String base) {
        return packageName.equals(base) || packageName.startsWith(base + ".");
    }
}
