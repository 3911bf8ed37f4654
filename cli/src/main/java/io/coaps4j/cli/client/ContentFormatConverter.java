package io.coaps4j.cli.client;

import io.coaps4j.coap.message.ContentFormat;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a Content-Format argument: a number 0..65535 (RFC 7252 section 12.3) or a registered media
 * type. A media type may be given without its parameters ("text/plain" for
 * "text/plain;charset=utf-8").
 */
final class ContentFormatConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        String trimmed = value.trim();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return number(trimmed);
        }
        Optional<ContentFormat> format = ContentFormat.byMediaType(trimmed);
        if (format.isEmpty()) {
            format = withoutParameters(trimmed);
        }
        return format.map(ContentFormat::number).orElseThrow(() -> new TypeConversionException(
                "unknown content format '" + value + "'; give a number (e.g. 0, 50) or one of: " + knownTypes()));
    }

    private static int number(String digits) {
        if (digits.length() > 5 || Integer.parseInt(digits) > 0xFFFF) {
            throw new TypeConversionException("content format must be 0..65535, was " + digits);
        }
        return Integer.parseInt(digits);
    }

    private static Optional<ContentFormat> withoutParameters(String mediaType) {
        String wanted = mediaType.toLowerCase(Locale.ROOT);
        return ContentFormat.known().stream().filter(f -> typeOnly(f.mediaType()).equals(wanted)).findFirst();
    }

    private static String typeOnly(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return semicolon < 0 ? mediaType : mediaType.substring(0, semicolon);
    }

    private static String knownTypes() {
        StringBuilder out = new StringBuilder();
        for (ContentFormat format : ContentFormat.known()) {
            if (format.number() >= 10000) {
                continue; // the oneM2M types are accepted too, but would make the message unreadable
            }
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(typeOnly(format.mediaType()));
        }
        return out.toString();
    }
}
