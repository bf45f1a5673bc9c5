package dev.cinnabar.kernel.commands;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The actual key flags of the two Redis 7.0 commands whose key spec says {@code variable_flags}:
 * Redis's {@code setGetKeys} and {@code bitfieldGetKeys} decide them from the arguments.
 */
final class VariableKeyFlags {

    private VariableKeyFlags() {
    }

    static List<String> resolve(String command, byte[][] argv, List<String> declared) {
        switch (command) {
            case "set" -> {
                for (int i = 3; i < argv.length; i++) {
                    if (is(argv[i], "get")) {
                        return List.of("RW", "access", "update");
                    }
                }
                return List.of("OW", "update");
            }
            case "bitfield" -> {
                for (int i = 2; i < argv.length; i++) {
                    int remaining = argv.length - i - 1;
                    if (is(argv[i], "get") && remaining >= 2) {
                        i += 2;
                    } else if ((is(argv[i], "set") || is(argv[i], "incrby")) && remaining >= 3) {
                        return List.of("RW", "access", "update");
                    } else if (is(argv[i], "overflow") && remaining >= 1) {
                        i += 1;
                    }
                }
                return List.of("RO", "access");
            }
            default -> {
                return declared;
            }
        }
    }

    private static boolean is(byte[] arg, String word) {
        return new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(word);
    }
}
