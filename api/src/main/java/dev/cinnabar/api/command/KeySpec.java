package dev.cinnabar.api.command;

import java.util.List;

/**
 * A Redis 7 key specification: where the search for keys begins and how keys are found from
 * there, plus flags such as {@code RW}, {@code access}, {@code update}. See the Redis
 * documentation "Command key specifications".
 *
 * @param notes       free text, may be empty
 * @param flags       key-spec flags in Redis's spelling ({@code "RO"}, {@code "RW"}, {@code "OW"},
 *                    {@code "RM"}, {@code "access"}, {@code "update"}, {@code "insert"}, {@code "delete"}...)
 * @param beginSearch where the search begins
 * @param findKeys    how keys are found from there
 */
public record KeySpec(String notes, List<String> flags, BeginSearch beginSearch, FindKeys findKeys) {

    public KeySpec {
        flags = List.copyOf(flags);
    }

    /** A simple spec: keys from argument {@code index}, {@code lastKey} relative (0 = one key, -1 = to the end), step. */
    public static KeySpec range(int index, int lastKey, int step, String... flags) {
        return new KeySpec("", List.of(flags), new BeginSearch.Index(index), new FindKeys.Range(lastKey, step, 0));
    }

    /** Where the key search begins. */
    public sealed interface BeginSearch {
        /** At a fixed argument position. */
        record Index(int index) implements BeginSearch {
        }

        /** After a keyword, searched from {@code startFrom} (negative: from the end, backwards). */
        record Keyword(String keyword, int startFrom) implements BeginSearch {
        }

        /** Unknown: the command finds keys itself. */
        record Unknown() implements BeginSearch {
        }
    }

    /** How keys are found once the search began. */
    public sealed interface FindKeys {
        /** A range: last key relative to the first (negative from the end), step, and limit. */
        record Range(int lastKey, int keyStep, int limit) implements FindKeys {
        }

        /** The number of keys is an argument at {@code keyNumIdx}; keys start at {@code firstKey}. */
        record KeyNum(int keyNumIdx, int firstKey, int keyStep) implements FindKeys {
        }

        /** Unknown. */
        record Unknown() implements FindKeys {
        }
    }
}
