package io.ficus.architecture;

/** The rule set applied to this repository: the shop's modules and the deployables' packages. */
final class FicusArchitecture {

    static final ModularArchitecture SHOP = ModularArchitecture.of("io.ficus.shop",
            "catalog", "inventory", "orders", "payments", "shipping", "notifications");

    static final Deployables DEPLOYABLES = Deployables.conventional("io.ficus");

    private FicusArchitecture() {
    }
}
