package io.ficus.shop.payments.internal;

/** What the provider decided for one authorization. */
record ProviderDecision(boolean approved, String reference, String reason) {

    static ProviderDecision approved(String reference) {
        return new ProviderDecision(true, reference, null);
    }

    static ProviderDecision declined(String reason) {
        return new ProviderDecision(false, null, reason);
    }
}
