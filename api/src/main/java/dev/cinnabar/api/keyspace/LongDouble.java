package dev.cinnabar.api.keyspace;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The x86-64 {@code long double} (80-bit extended precision: 64-bit mantissa, 15-bit exponent)
 * that Redis uses for {@code INCRBYFLOAT} and {@code HINCRBYFLOAT}, emulated exactly: parsing as
 * {@code strtold} does, addition rounded to nearest-even, and printing as {@code "%.17Lf"}.
 *
 * <p>A Java {@code double} cannot stand in for it: {@code 0.1 + 0.2} is {@code 0.30000000000000004}
 * in double but {@code 0.3} in Redis, because the extra 11 bits of mantissa round away before the
 * 17th decimal. Values are kept as {@code mantissa * 2^exponent} with exact big-integer arithmetic;
 * the commands using it are not on a hot path.
 */
public final class LongDouble {

    /** Mantissa bits of the x87 extended format (explicit integer bit included). */
    private static final int MANTISSA_BITS = 64;
    /** Exponent of the least significant bit of the smallest subnormal: 2^-16445. */
    private static final int MIN_EXPONENT = -16445;
    /** Every finite value is below 2^16384. */
    private static final int MAX_BIT_LENGTH = 16384;
    /** Redis's MAX_LONG_DOUBLE_CHARS: longer inputs are refused by {@code string2ld}. */
    private static final int MAX_CHARS = 5 * 1024;

    private static final LongDouble POSITIVE_INFINITY = new LongDouble(BigInteger.ONE, Integer.MAX_VALUE);
    private static final LongDouble NEGATIVE_INFINITY = new LongDouble(BigInteger.ONE.negate(), Integer.MAX_VALUE);
    private static final LongDouble ZERO = new LongDouble(BigInteger.ZERO, 0);

    /** Signed mantissa (at most 64 bits of magnitude); infinities use exponent MAX_VALUE. */
    private final BigInteger mantissa;
    private final int exponent;

    private LongDouble(BigInteger mantissa, int exponent) {
        this.mantissa = mantissa;
        this.exponent = exponent;
    }

    /** The exact value of a 64-bit integer (always representable). */
    public static LongDouble of(long value) {
        return new LongDouble(BigInteger.valueOf(value), 0);
    }

    /** The exact value of a double (always representable). */
    public static LongDouble of(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
        }
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN");
        }
        if (value == 0) {
            return ZERO;
        }
        BigDecimal exact = new BigDecimal(value);
        return fromDecimal(exact.signum() < 0, exact.unscaledValue().abs(), -exact.scale());
    }

    /**
     * Parses {@code bytes} as Redis's {@code string2ld} does: {@code strtold} syntax (decimal,
     * hexadecimal {@code 0x...p...}, {@code inf}/{@code infinity}), the whole input consumed (a NUL
     * byte included), no leading space, no NaN, no overflow to infinity and no
     * underflow to zero. Returns {@code null} when Redis would answer "not a valid float".
     */
    public static LongDouble parse(byte[] bytes, int offset, int length) {
        if (length == 0 || length >= MAX_CHARS) {
            return null;
        }
        if (isSpace(bytes[offset])) {
            return null;
        }
        // string2ld also demands that strtold consumed all slen bytes, so a NUL inside is refused
        return new Parser(bytes, offset, offset + length).parse();
    }

    /** As {@link #parse(byte[], int, int)} for a whole array. */
    public static LongDouble parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    public boolean isInfinite() {
        return exponent == Integer.MAX_VALUE;
    }

    /** The sum, rounded to nearest-even as the FPU does; infinite on overflow. */
    public LongDouble add(LongDouble other) {
        if (isInfinite() || other.isInfinite()) {
            // inf + -inf is NaN in C; callers treat NaN and infinity alike (an error reply)
            return isInfinite() ? this : other;
        }
        if (mantissa.signum() == 0) {
            return other;
        }
        if (other.mantissa.signum() == 0) {
            return this;
        }
        int e = Math.min(exponent, other.exponent);
        BigInteger sum = mantissa.shiftLeft(exponent - e).add(other.mantissa.shiftLeft(other.exponent - e));
        if (sum.signum() == 0) {
            return ZERO;
        }
        return round(sum.signum() < 0, sum.abs(), BigInteger.ONE, e);
    }

    /**
     * {@code "%.17Lf"} with trailing zeros (and a trailing point) removed and {@code -0} printed as
     * {@code 0}: Redis's {@code ld2string(..., LD_STR_HUMAN)}.
     */
    public String toHumanString() {
        if (isInfinite()) {
            return mantissa.signum() > 0 ? "inf" : "-inf";
        }
        String s = exact().setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = s.length();
        if (s.indexOf('.') >= 0) {
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
        }
        s = s.substring(0, end);
        return s.equals("-0") ? "0" : s;
    }

    private BigDecimal exact() {
        if (exponent >= 0) {
            return new BigDecimal(mantissa.shiftLeft(exponent));
        }
        // m * 2^-k = m * 5^k / 10^k
        return new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
    }

    @Override
    public String toString() {
        return toHumanString();
    }

    /** The value {@code digits * 10^decimalExponent} rounded to the nearest long double. */
    private static LongDouble fromDecimal(boolean negative, BigInteger digits, int decimalExponent) {
        if (digits.signum() == 0) {
            return ZERO;
        }
        if (decimalExponent >= 0) {
            return round(negative, digits.multiply(BigInteger.TEN.pow(decimalExponent)), BigInteger.ONE, 0);
        }
        return round(negative, digits, BigInteger.TEN.pow(-decimalExponent), 0);
    }

    /** Rounds {@code num / den * 2^binaryExponent} (positive) to 64 mantissa bits, nearest-even. */
    private static LongDouble round(boolean negative, BigInteger num, BigInteger den, int binaryExponent) {
        int e = num.bitLength() - den.bitLength() + binaryExponent - MANTISSA_BITS;
        BigInteger q;
        BigInteger[] qr;
        BigInteger effectiveDen;
        while (true) {
            if (e < MIN_EXPONENT) {
                e = MIN_EXPONENT;
            }
            int shift = binaryExponent - e;
            BigInteger n = shift >= 0 ? num.shiftLeft(shift) : num;
            effectiveDen = shift >= 0 ? den : den.shiftLeft(-shift);
            qr = n.divideAndRemainder(effectiveDen);
            q = qr[0];
            int bits = q.bitLength();
            if (bits > MANTISSA_BITS) {
                e += bits - MANTISSA_BITS;
            } else if (bits < MANTISSA_BITS && e > MIN_EXPONENT) {
                e -= MANTISSA_BITS - bits;
            } else {
                break;
            }
        }
        int cmp = qr[1].shiftLeft(1).compareTo(effectiveDen);
        if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
            if (q.bitLength() > MANTISSA_BITS) {
                q = q.shiftRight(1);
                e++;
            }
        }
        if (q.signum() == 0) {
            return ZERO;
        }
        if (q.bitLength() + (long) e > MAX_BIT_LENGTH) {
            return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        return new LongDouble(negative ? q.negate() : q, e);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** {@code strtold}'s grammar over a byte range; the whole range must be one number. */
    private static final class Parser {
        private final byte[] b;
        private int i;
        private final int end;

        Parser(byte[] b, int start, int end) {
            this.b = b;
            this.i = start;
            this.end = end;
        }

        LongDouble parse() {
            boolean negative = false;
            if (b[i] == '+' || b[i] == '-') {
                negative = b[i] == '-';
                i++;
            }
            if (i >= end) {
                return null;
            }
            if (matchesWord("infinity") || matchesWord("inf")) {
                return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
            }
            if (lower(b[i]) == 'n') {
                return null; // "nan" parses but Redis refuses it; anything else is not a number
            }
            if (b[i] == '0' && i + 1 < end && lower(b[i + 1]) == 'x') {
                LongDouble hex = parseHex(negative);
                if (hex != null) {
                    return hex;
                }
                // "0x" without hex digits: strtold reads "0" and stops at 'x'
                return null;
            }
            return parseDecimal(negative);
        }

        private boolean matchesWord(String word) {
            if (end - i != word.length()) {
                return false;
            }
            for (int k = 0; k < word.length(); k++) {
                if (lower(b[i + k]) != word.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private LongDouble parseDecimal(boolean negative) {
            StringBuilder digits = new StringBuilder();
            int fractionDigits = 0;
            boolean any = false;
            while (i < end && isDigit(b[i])) {
                digits.append((char) b[i++]);
                any = true;
            }
            if (i < end && b[i] == '.') {
                i++;
                while (i < end && isDigit(b[i])) {
                    digits.append((char) b[i++]);
                    fractionDigits++;
                    any = true;
                }
            }
            if (!any) {
                return null;
            }
            long exp = 0;
            if (i < end && lower(b[i]) == 'e') {
                exp = readExponent();
            }
            if (i != end) {
                return null;
            }
            BigInteger mantissa = new BigInteger(digits.toString());
            if (mantissa.signum() == 0) {
                return negative ? new LongDouble(BigInteger.ZERO, 0) : ZERO;
            }
            long decimalExponent = exp - fractionDigits;
            // magnitude is about 10^(decimalExponent + digit count): decide the far ranges without big powers
            long magnitude = decimalExponent + mantissa.toString().length();
            if (magnitude > 4940) {
                return null; // overflow: ERANGE with HUGE_VALL
            }
            if (magnitude < -4960) {
                return null; // underflow to zero: ERANGE with 0
            }
            LongDouble v = fromDecimal(negative, mantissa, (int) decimalExponent);
            if (v.isInfinite() || v.mantissa.signum() == 0) {
                return null;
            }
            return v;
        }

        /**
         * Reads the exponent after the 'e' or 'p' at {@code i}: {@code [+-]digits}, saturated. When
         * no digits follow, strtold stops before the letter: {@code i} stays there and the
         * exponent is 0 (the caller then sees unconsumed input).
         */
        private long readExponent() {
            int k = i + 1;
            boolean neg = false;
            if (k < end && (b[k] == '+' || b[k] == '-')) {
                neg = b[k] == '-';
                k++;
            }
            if (k >= end || !isDigit(b[k])) {
                return 0;
            }
            long v = 0;
            while (k < end && isDigit(b[k])) {
                v = Math.min(v * 10 + (b[k] - '0'), 1_000_000_000L);
                k++;
            }
            i = k;
            return neg ? -v : v;
        }

        private LongDouble parseHex(boolean negative) {
            int k = i + 2;
            BigInteger m = BigInteger.ZERO;
            int fraction = 0;
            boolean any = false;
            while (k < end && hexValue(b[k]) >= 0) {
                m = m.shiftLeft(4).or(BigInteger.valueOf(hexValue(b[k++])));
                any = true;
            }
            if (k < end && b[k] == '.') {
                k++;
                while (k < end && hexValue(b[k]) >= 0) {
                    m = m.shiftLeft(4).or(BigInteger.valueOf(hexValue(b[k++])));
                    fraction++;
                    any = true;
                }
            }
            if (!any) {
                return null;
            }
            i = k;
            long exp = 0;
            if (i < end && lower(b[i]) == 'p') {
                exp = readExponent();
            }
            if (i != end) {
                return null;
            }
            if (m.signum() == 0) {
                return ZERO;
            }
            long binaryExponent = exp - 4L * fraction;
            long magnitude = binaryExponent + m.bitLength();
            if (magnitude > MAX_BIT_LENGTH + 1 || magnitude < MIN_EXPONENT - 2) {
                return null;
            }
            LongDouble v = round(negative, m, BigInteger.ONE, (int) binaryExponent);
            if (v.isInfinite() || v.mantissa.signum() == 0) {
                return null;
            }
            return v;
        }

        private static boolean isDigit(byte c) {
            return c >= '0' && c <= '9';
        }

        private static int hexValue(byte c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            int l = lower(c);
            return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
        }

        private static int lower(byte c) {
            return c >= 'A' && c <= 'Z' ? c + 32 : c;
        }
    }
}
