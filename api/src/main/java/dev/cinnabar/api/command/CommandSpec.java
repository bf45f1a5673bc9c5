package dev.cinnabar.api.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The description of a command that Redis does not have (for Redis's own commands use
 * {@link CommandRegistrar#redisCommand}). The kernel checks {@link #arity()} before calling the
 * command and answers {@code COMMAND INFO}/{@code COMMAND DOCS} from this record.
 *
 * @param name          the full name in lower case; a subcommand is {@code "container|sub"}
 * @param arity         N for exactly N arguments (the name counts), -N for at least N
 * @param flags         the command's flags
 * @param firstKey      position of the first key, 0 when the command takes no keys
 * @param lastKey       position of the last key; negative counts from the end (-1 = last argument)
 * @param keyStep       distance between keys
 * @param aclCategories ACL categories such as {@code "@write"}, {@code "@string"}
 * @param keySpecs      key specifications (empty: derived from first/last/step)
 * @param tips          command tips for clients, such as {@code "nondeterministic_output"}
 * @param summary       one-line summary for {@code COMMAND DOCS}
 * @param since         version the command appeared in
 * @param group         documentation group, such as {@code "string"} or a plugin's own
 * @param complexity    complexity note, may be empty
 */
public record CommandSpec(String name, int arity, Set<CommandFlag> flags, int firstKey, int lastKey, int keyStep,
                          Set<String> aclCategories, List<KeySpec> keySpecs, List<String> tips,
                          String summary, String since, String group, String complexity) {

    public CommandSpec {
        name = name.toLowerCase(Locale.ROOT);
        if (arity == 0) {
            throw new IllegalArgumentException("arity must not be 0 for " + name);
        }
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(CommandFlag.class) : EnumSet.copyOf(flags));
        aclCategories = Collections.unmodifiableSet(new LinkedHashSet<>(aclCategories));
        keySpecs = List.copyOf(keySpecs);
        tips = List.copyOf(tips);
    }

    /** Starts a spec for {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link CommandSpec}; only the name and arity are required. */
    public static final class Builder {
        private final String name;
        private int arity;
        private final Set<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        private int firstKey, lastKey, keyStep;
        private final Set<String> acl = new LinkedHashSet<>();
        private final List<KeySpec> keySpecs = new ArrayList<>();
        private final List<String> tips = new ArrayList<>();
        private String summary = "", since = "1.0.0", group = "generic", complexity = "";

        private Builder(String name) {
            this.name = name;
        }

        public Builder arity(int arity) {
            this.arity = arity;
            return this;
        }

        public Builder flags(CommandFlag... f) {
            flags.addAll(List.of(f));
            return this;
        }

        /** Legacy key range: first, last (negative from the end) and step. */
        public Builder keys(int first, int last, int step) {
            this.firstKey = first;
            this.lastKey = last;
            this.keyStep = step;
            return this;
        }

        public Builder aclCategories(String... categories) {
            acl.addAll(List.of(categories));
            return this;
        }

        public Builder keySpec(KeySpec spec) {
            keySpecs.add(spec);
            return this;
        }

        public Builder tips(String... t) {
            tips.addAll(List.of(t));
            return this;
        }

        public Builder summary(String s) {
            summary = s;
            return this;
        }

        public Builder since(String s) {
            since = s;
            return this;
        }

        public Builder group(String g) {
            group = g;
            return this;
        }

        public Builder complexity(String c) {
            complexity = c;
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(name, arity, flags, firstKey, lastKey, keyStep, acl, keySpecs, tips,
                    summary, since, group, complexity);
        }
    }
}
