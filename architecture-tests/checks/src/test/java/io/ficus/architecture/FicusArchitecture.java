package io.ficus.architecture;

/**
 * The rule set applied to this repository: the shop's modules, as Spring Modulith detects them under
 * {@code io.ficus.shop} (a new module is checked without editing a list), and the deployables' packages.
 */
final class FicusArchitecture {

    static final ModularArchitecture SHOP = ModularArchitecture.of("io.ficus.shop");

    static final Deployables DEPLOYABLES = Deployables.conventional("io.ficus");

    private FicusArchitecture() {
    }
}
