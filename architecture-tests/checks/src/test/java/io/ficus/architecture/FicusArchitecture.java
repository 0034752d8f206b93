package io.ficus.architecture;

import io.ficus.shop.ShopApplication;

/**
 * The rule set applied to this repository: the shop's modules as Spring Modulith detects them from its application
 * class (a new module is checked without editing a list; {@code @Modulithic(sharedModules)} is honoured), and the
 * deployables' packages.
 */
final class FicusArchitecture {

    static final ModularArchitecture SHOP = ModularArchitecture.ofApplication(ShopApplication.class);

    static final Deployables DEPLOYABLES = Deployables.conventional("io.ficus");

    private FicusArchitecture() {
    }
}
