package io.ficus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** Rules on events: immutable records, named in the past tense, published only by the module that owns them. */
public final class EventRules {

    // the last word of the name must read as a past participle: regular (-ed) or one of these
    private static final Set<String> IRREGULAR_PAST_PARTICIPLES = Set.of("Sent", "Paid", "Built", "Made", "Held",
            "Taken", "Given", "Done", "Left", "Lost", "Found", "Won", "Sold", "Bought", "Begun", "Run", "Set", "Put",
            "Read", "Shut", "Split", "Cut", "Spent", "Kept", "Met", "Brought", "Caught", "Told", "Written", "Chosen",
            "Frozen", "Broken", "Stolen", "Withdrawn", "Drawn", "Shown", "Known", "Thrown", "Rebuilt", "Undone",
            "Dealt", "Hidden", "Risen", "Bound", "Fed", "Led", "Lent", "Withheld", "Reset", "Rerun", "Resent", "Overpaid");
    private static final Pattern LAST_WORD = Pattern.compile("[A-Z][a-z0-9]*$");

    private final ModuleLayout layout;

    EventRules(ModuleLayout layout) {
        this.layout = layout;
    }

    public static final RuleText RECORDS = new RuleText("events are records",
            "an event is a fact that already happened: it must be immutable, since listeners in other modules receive it "
                    + "later and the event registry stores and replays it");
    public static final RuleText PAST_TENSE = new RuleText("events are named in the past tense",
            "an event reports something that happened; a name in the past tense (OrderPlaced, PaymentDeclined) keeps it "
                    + "apart from commands, which another module could be tempted to send and wait for");
    public static final RuleText OWNING_MODULE = new RuleText("events are published only by their owning module",
            "an event is a module's statement about its own state; another module publishing it fakes that statement "
                    + "and hides a dependency the event contract does not show");

    public List<ArchRule> rules() {
        return List.of(eventsAreRecords(), eventsAreNamedInThePastTense(), eventsArePublishedOnlyByTheirOwningModule());
    }

    public ArchRule eventsAreRecords() {
        return RECORDS.applyTo(classes().that(layout.inAnyModule())
                .should(new ArchCondition<>("be records when they are events") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (EventTypes.isEvent(type) && !type.isRecord()) {
                            events.add(SimpleConditionEvent.violated(type, "Class <" + type.getName()
                                    + "> is an event but not a record in " + type.getSourceCodeLocation()));
                        }
                    }
                }));
    }

    public ArchRule eventsAreNamedInThePastTense() {
        return PAST_TENSE.applyTo(classes().that(layout.inAnyModule())
                .should(new ArchCondition<>("be named in the past tense (OrderPlaced, PaymentDeclined) when they are events") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (EventTypes.isEvent(type) && !isPastTense(type.getSimpleName())) {
                            events.add(SimpleConditionEvent.violated(type, "Class <" + type.getName()
                                    + "> is an event whose name does not end in a past participle in "
                                    + type.getSourceCodeLocation()));
                        }
                    }
                }));
    }

    public ArchRule eventsArePublishedOnlyByTheirOwningModule() {
        return OWNING_MODULE.applyTo(classes().that(layout.inAnyModule())
                .should(new ArchCondition<>("be instantiated (published) only by classes of their own module when they are events") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (!EventTypes.isEvent(type)) {
                            return;
                        }
                        String owner = layout.moduleOf(type).orElseThrow();
                        type.getConstructorCallsToSelf().stream()
                                .filter(call -> layout.isAnalysed(call.getOriginOwner()))
                                .filter(call -> !layout.moduleOf(call.getOriginOwner()).filter(owner::equals).isPresent())
                                .forEach(call -> events.add(SimpleConditionEvent.violated(type, call.getDescription()
                                        + ": event " + type.getSimpleName() + " belongs to module '" + owner
                                        + "', so only that module may publish it")));
                    }
                }));
    }

    static boolean isPastTense(String simpleName) {
        var matcher = LAST_WORD.matcher(simpleName);
        if (!matcher.find()) {
            return false;
        }
        String lastWord = matcher.group();
        return lastWord.endsWith("ed") || IRREGULAR_PAST_PARTICIPLES.contains(lastWord);
    }
}
