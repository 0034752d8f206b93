package io.ficus.architecture;

import com.tngtech.archunit.lang.ArchRule;

/**
 * A rule's short name and its reason, stated once: the failure header reads "Rule '{name}, because {reason}'".
 *
 * <p>The name never mentions packages or modules, so a frozen baseline, keyed by the rule's description, stays valid
 * whatever codebase the rule runs on.
 *
 * @param name what the rule demands, in a few words
 * @param reason why, in a sentence
 */
public record RuleText(String name, String reason) {

    public ArchRule applyTo(ArchRule rule) {
        return rule.as(name).because(reason);
    }

    public String description() {
        return name + ", because " + reason;
    }
}
