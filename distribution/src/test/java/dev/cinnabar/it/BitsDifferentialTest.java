package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

/** The bit commands of {@code bitops.c} against real Redis: ranges in BYTE and BIT units, BITOP, BITFIELD. */
class BitsDifferentialTest extends DifferentialTest {

    @Test
    void setbitAndGetbit() {
        both("DEL b1 bn");
        same("SETBIT b1 7 1");
        same("SETBIT b1 7 1");
        same("SETBIT b1 7 0");
        same("SETBIT b1 100 1");
        same("GET b1");
        same("SETBIT b1 -1 1");
        same("SETBIT b1 x 1");
        same("SETBIT b1 1 2");
        same("SETBIT b1 1 -1");
        same("SETBIT b1 1 x");
        same("SETBIT b1 4294967296 1");
        same("SETBIT b1 x y");
        same("GETBIT b1 7");
        same("GETBIT b1 100");
        same("GETBIT b1 1000");
        same("GETBIT b1 -1");
        same("GETBIT b1 4294967296");
        same("GETBIT nokey:b 5");
        same("GETBIT nokey:b -5");
        same("SET bn 12");
        same("GETBIT bn 2");
        same("GETBIT bn 3");
        same("SETBIT bn 0 1");
        same("GET bn");
    }

    @Test
    void bitcountRangesInBytesAndBits() {
        both("DEL bc bn");
        same("SET bc foobar");
        for (String args : new String[] {"", "0 0", "1 1", "1 1 BYTE", "5 30 BIT", "-1 -1", "-1 -5", "-1 -5 foo",
                "0 -1 foo", "0", "0 1 2 3", "x 1", "0 y", "0 -1 BIT", "3 3 BIT", "1 6 bit", "-3 -1 bit",
                "-100 100 bit", "9223372036854775807 -9223372036854775808", "-9223372036854775808 -1 bit"}) {
            same("BITCOUNT bc " + args);
        }
        same("BITCOUNT nokey:b x 1");
        same("BITCOUNT nokey:b 0");
        same("SET bn 1234");
        same("BITCOUNT bn");
        same("BITCOUNT bn 1 2 bit");
    }

    @Test
    void bitposWithAndWithoutEnd() {
        both("DEL bp bf bz bn");
        same("SET bp \"\\xff\\xf0\\x00\"");
        same("SET bf \"\\xff\\xff\\xff\"");
        same("SET bz \"\\x00\\x00\\x00\"");
        for (String args : new String[] {"0", "1", "0 2", "1 2", "0 0 1", "0 0 0", "1 -1", "2", "x", "0 x", "0 0 x",
                "0 0 1 foo", "0 0 1 bit x", "0 0 1 bit", "0 0 15 bit", "0 0 11 bit", "1 12 23 bit", "0 3 bit",
                "1 3 bit", "0 5 6 bit", "1 5 6 bit", "0 7 9 bit", "1 9 22 bit", "0 100 bit", "0 -3 -1 bit",
                "1 -3 -1 bit", "1 2 1", "0 1 1 byte"}) {
            same("BITPOS bp " + args);
        }
        for (String args : new String[] {"0", "0 0 -1", "0 0 -1 bit", "0 1", "0 3 7 bit", "0 3 bit", "1 0 -1"}) {
            same("BITPOS bf " + args);
        }
        for (String args : new String[] {"1", "1 0 -1 bit", "1 3 bit", "0 3 bit", "0 0 -1"}) {
            same("BITPOS bz " + args);
        }
        same("BITPOS nokey:b 1");
        same("BITPOS nokey:b 0");
        same("BITPOS nokey:b 2");
        same("BITPOS nokey:b 1 x");
        same("SET bn 12");
        same("BITPOS bn 1");
        same("BITPOS bn 0 1 1");
    }

    @Test
    void bitopOperationsAndErrors() {
        both("DEL o1 o2 o3 od bn");
        same("SET o1 \"\\x0f\\xf0\"");
        same("SET o2 \"\\xff\"");
        same("BITOP AND od o1 o2");
        same("GET od");
        same("BITOP OR od o1 o2 nokey:o");
        same("GET od");
        same("BITOP XOR od o1 o2");
        same("GET od");
        same("BITOP NOT od o1");
        same("GET od");
        same("BITOP NOT od o1 o2");
        same("BITOP NOT od nokey:o");
        same("GET od");
        same("BITOP FOO od o1");
        same("BITOP and od o1");
        same("SET od x");
        same("BITOP AND od nokey:o nokey:o2");
        same("GET od");
        same("SET o3 abcdefghijklmnopqrstuvwxyz0123456789abcdefghijk");
        same("SET bn 12");
        same("BITOP XOR od o3 o1 bn");
        same("GET od");
        same("BITOP AND od o3 o3 o3");
        same("GET od");
    }

    @Test
    void bitfieldGetSetIncrbyAndOverflow() {
        both("DEL bf bf2 bn");
        for (String args : new String[] {"", "GET u8 0", "SET u8 0 255 GET u8 0", "INCRBY u8 0 10",
                "OVERFLOW SAT INCRBY u8 0 300", "OVERFLOW FAIL INCRBY u8 0 1", "OVERFLOW WRAP INCRBY u8 0 1",
                "OVERFLOW FAIL SET u8 0 256", "OVERFLOW SAT SET u8 0 256", "OVERFLOW SAT SET u8 0 -1", "SET u8 0 -1",
                "SET i8 0 -128 GET i8 0 GET u8 0", "INCRBY i8 0 -1", "OVERFLOW SAT INCRBY i8 0 -1000 INCRBY i8 0 1000",
                "OVERFLOW FAIL INCRBY i8 0 1000", "SET i64 0 -9223372036854775808 INCRBY i64 0 -1",
                "OVERFLOW SAT INCRBY i64 0 -1 INCRBY i64 0 9223372036854775807 INCRBY i64 0 1",
                "OVERFLOW FAIL INCRBY i64 0 1", "SET u63 0 9223372036854775807 INCRBY u63 0 1",
                "OVERFLOW SAT INCRBY u63 0 -9223372036854775808", "SET u8 #1 200 GET u8 8 GET u4 #3",
                "GET u8 4294967295 GET i5 4294967290", "SET i5 100 3 GET i5 100 GET u1 100",
                "GET i64 #67108863", "INCRBY u2 100 1 INCRBY u2 100 1 INCRBY u2 100 1 INCRBY u2 100 1",
                "OVERFLOW SAT INCRBY i3 200 1 INCRBY i3 200 10 INCRBY i3 200 -20",
                "OVERFLOW FAIL INCRBY i3 300 3 INCRBY i3 300 1 GET i3 300",
                "OVERFLOW WRAP INCRBY i3 400 5 INCRBY u5 500 -40",
                "get u8 0 set i8 8 -3 incrby u4 0 1 overflow sat"}) {
            same("BITFIELD bf " + args);
        }
        same("GET bf");
        same("BITFIELD bf2 SET u8 #100 1");
        same("STRLEN bf2");
        same("SET bn 123");
        same("BITFIELD bn GET u8 0 GET u16 8");
        same("BITFIELD bn SET u8 0 65");
        same("GET bn");
    }

    @Test
    void bitfieldArgumentErrors() {
        both("DEL bf");
        for (String args : new String[] {"GET u64 0", "GET i65 0", "GET u0 0", "GET I8 0", "GET x8 0", "GET i 0",
                "GET u8 -1", "GET u8 x", "GET u8 #-1", "GET u8 #", "GET u8", "SET u8 0", "OVERFLOW",
                "OVERFLOW foo GET u8 0", "FOO", "SET u8 0 x", "GET u8 4294967296", "GET u8 #536870912",
                "GET i64 #67108864", "GET u8 0 SET i8 0 1 GET u64 0", "INCRBY u8 0 1.5", "GET u8 0 FOO"}) {
            same("BITFIELD bf " + args);
        }
        same("GET bf");
    }

    @Test
    void bitfieldRoOnlyReads() {
        both("DEL br");
        same("SET br abc");
        same("BITFIELD_RO br GET u8 0 GET i16 3");
        same("BITFIELD_RO br SET u8 0 1");
        same("BITFIELD_RO br INCRBY u8 0 1");
        same("BITFIELD_RO br GET u8 0 OVERFLOW SAT");
        same("BITFIELD_RO br OVERFLOW FAIL");
        same("BITFIELD_RO nokey:br GET u8 0");
        same("BITFIELD_RO br");
        same("BITFIELD_RO br GET u64 0");
        same("BITFIELD_RO br GET u8 0 SET u8 x 1");
    }
}
