package org.provincial.reporting.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;

/**
 * Binds the YAML configuration files ({@code jobs/*.yaml}, {@code mappings/*.yaml}) to records, refusing any key the
 * record does not declare: a misspelled key stops start-up with the file, the key and the keys known there, instead of
 * being ignored and silently changing what the product does.
 */
public final class YamlBinding {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private YamlBinding() {
    }

    /**
     * The files of a {@code classpath*:} pattern, each file name once, the first on the class path winning as for any
     * class path resource: the same file may sit in two roots (a build's classes and the project directory that a
     * child JVM's class path also reaches), and would otherwise be read as two definitions of one dataset or job.
     */
    public static List<Resource> firstOfEachName(Resource[] files) {
        Map<String, Resource> byName = new java.util.LinkedHashMap<>();
        for (Resource file : files) {
            byName.putIfAbsent(String.valueOf(file.getFilename()), file);
        }
        return List.copyOf(byName.values());
    }

    /**
     * Reads {@code file} as {@code type}.
     *
     * @param what what the file is, as messages name it ("job definition", "mapping")
     * @throws IllegalStateException naming the file and what is wrong when it is no YAML mapping or does not fit
     */
    public static <T> T read(Resource file, Class<T> type, String what) {
        String origin = what + " " + file.getDescription();
        Object document;
        try (InputStream in = file.getInputStream()) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + origin, e);
        }
        catch (YAMLException e) {
            throw new IllegalStateException("The " + origin + " is no valid YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?>)) {
            throw new IllegalStateException("The " + origin + " is not a YAML mapping");
        }
        return bind(document, type, origin);
    }

    /** Binds a part of a file already read (a map or a scalar) to {@code type}; {@code origin} names the file. */
    public static <T> T bind(Object value, Class<T> type, String origin) {
        try {
            return MAPPER.convertValue(value, type);
        }
        catch (JacksonException e) {
            throw refused(e, origin);
        }
        catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JacksonException cause) {
                throw refused(cause, origin);
            }
            throw e;
        }
    }

    private static IllegalStateException refused(JacksonException e, String origin) {
        List<JacksonException.Reference> path = e.getPath();
        if (e instanceof UnrecognizedPropertyException unknown) {
            String where = path(path.subList(0, Math.max(0, path.size() - 1)));
            String known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            return new IllegalStateException("The " + origin + " has the unknown key '" + unknown.getPropertyName()
                    + "'" + (where.isEmpty() ? "" : " in " + where) + "; the keys known there are: " + known, e);
        }
        String where = path(path);
        if (e instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
            String known = Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(constant -> constant.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            return new IllegalStateException("The " + origin + " has " + where + ": " + format.getValue()
                    + ", which is none of: " + known, e);
        }
        return new IllegalStateException("The " + origin + " cannot be read"
                + (where.isEmpty() ? "" : " at " + where) + ": " + e.getOriginalMessage(), e);
    }

    /** A path as written in the file: {@code columns[5].caps}. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder text = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                text.append(text.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }
}
