package org.provincial.reporting.collect;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place submissions are collected from: ftp://user:pass@host:21/path, ftps://… (explicit TLS;
 * ftps://…?implicit=true for implicit TLS), sftp://…, or a local directory (a plain path or file: URL) laid out the
 * same way. An FTP or FTPS server whose names are not in UTF-8 takes {@code ?encoding=GBK} (joined to
 * {@code implicit=true} by {@code &}).
 *
 * @param scheme    how the files are fetched
 * @param host      the server, null for a local directory
 * @param port      the server's port (the scheme's default when the URL names none), -1 for a local directory
 * @param username  the login, null for an anonymous login or a local directory
 * @param password  the password, null when none is given; never logged: {@link #toString()} is {@link #masked()}
 * @param directory for a server, the directory below the login directory without leading or trailing slash
 *                  ("" for the login directory itself); for a local directory, its absolute normalised path
 * @param implicitTls for FTPS, TLS from the first byte (ftps://…?implicit=true) instead of AUTH TLS
 * @param controlEncoding for FTP and FTPS, the canonical name of the charset of the names on the control connection
 *                  (ftp://…?encoding=GBK), null for the configured {@code reporting.collect.ftp-control-encoding}
 */
public record SourceLocation(Scheme scheme, String host, int port, String username, String password,
                             String directory, boolean implicitTls, String controlEncoding) {

    private static final Pattern URL_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

    private static final Pattern SERVER_WITHOUT_SLASHES = Pattern.compile("^(?i)(ftps?|sftp):(?!//)");

    private static final String IMPLICIT_TLS = "implicit=true";

    private static final String ENCODING = "encoding=";

    private static final int IMPLICIT_TLS_PORT = 990;

    private static final String FORMS = "use ftp://user:password@host:21/, ftps://…, sftp://… or a local directory";

    /** How the files of a source are fetched, with the port used when a URL names none. */
    public enum Scheme {
        FTP(21), FTPS(21), SFTP(22), FILE(-1);

        private final int defaultPort;

        Scheme(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The URL scheme, e.g. {@code sftp}. */
        public String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SourceLocation {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(directory, "directory");
        if (scheme != Scheme.FILE) {
            Objects.requireNonNull(host, "host");
        }
        if (implicitTls && scheme != Scheme.FTPS) {
            throw new IllegalArgumentException("Implicit TLS is an option of ftps:// sources only");
        }
        if (controlEncoding != null && scheme != Scheme.FTP && scheme != Scheme.FTPS) {
            throw new IllegalArgumentException("The control encoding is an option of ftp:// and ftps:// sources only");
        }
    }

    /** A source without implicit TLS, in the configured control encoding. */
    public SourceLocation(Scheme scheme, String host, int port, String username, String password, String directory) {
        this(scheme, host, port, username, password, directory, false, null);
    }

    /**
     * Reads a source as given on the command line or in jobs/.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and never shows the password
     */
    public static SourceLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A source is required: " + FORMS + ".");
        }
        String trimmed = text.strip();
        Matcher matcher = URL_SCHEME.matcher(trimmed);
        if (matcher.find()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            return switch (name) {
                case "ftp" -> parseServer(Scheme.FTP, trimmed);
                case "ftps" -> parseServer(Scheme.FTPS, trimmed);
                case "sftp" -> parseServer(Scheme.SFTP, trimmed);
                case "file" -> parseFileUrl(trimmed);
                default -> throw new IllegalArgumentException("The source " + maskUserInfo(trimmed)
                        + " has the unsupported scheme '" + name + "': " + FORMS + ".");
            };
        }
        if (trimmed.regionMatches(true, 0, "file:", 0, 5)) {
            return parseFileUrl(trimmed);
        }
        if (SERVER_WITHOUT_SLASHES.matcher(trimmed).find()) {
            throw new IllegalArgumentException("The source " + maskUserInfo(trimmed) + " lacks the // after the"
                    + " scheme: " + FORMS + ".");
        }
        try {
            return local(Path.of(trimmed));
        }
        catch (InvalidPathException e) {
            throw new IllegalArgumentException("The source " + trimmed + " is not a valid directory path: "
                    + e.getReason() + ".", e);
        }
    }

    /** The location with the password replaced by ***: the only form ever logged, stored or printed. */
    public String masked() {
        if (scheme == Scheme.FILE) {
            try {
                return new URI("file", "//" + directory, null).toASCIIString();
            }
            catch (URISyntaxException e) {
                throw new IllegalStateException("Cannot write " + directory + " as a file: URL", e);
            }
        }
        StringBuilder url = new StringBuilder(scheme.prefix()).append("://");
        if (username != null) {
            url.append(encode(username));
            if (password != null) {
                url.append(":***");
            }
            url.append('@');
        }
        url.append(host).append(':').append(port).append('/');
        for (String segment : directory.split("/")) {
            if (!segment.isEmpty()) {
                url.append(encode(segment)).append('/');
            }
        }
        String masked = directory.isEmpty() ? url.toString() : url.substring(0, url.length() - 1);
        List<String> options = new ArrayList<>();
        if (implicitTls) {
            options.add(IMPLICIT_TLS);
        }
        if (controlEncoding != null) {
            options.add(ENCODING + controlEncoding);
        }
        return options.isEmpty() ? masked : masked + "?" + String.join("&", options);
    }

    @Override
    public String toString() {
        return masked();
    }

    /** Whether the location has a password that its masked form hides, which only its user can give again. */
    public static boolean hidesPassword(String masked) {
        return masked.contains(":***@");
    }

    /** The masked form with {@code placeholder} where the password stands, for a command to fill in. */
    public static String withPlaceholder(String masked, String placeholder) {
        return masked.replace(":***@", ":" + placeholder + "@");
    }

    /** The same location with the password given (typed at a prompt, say). */
    public SourceLocation withPassword(String newPassword) {
        return new SourceLocation(scheme, host, port, username, newPassword, directory, implicitTls, controlEncoding);
    }

    /**
     * The same server with a login given apart from its URL (the {@code username} and {@code password} keys of a
     * source in jobs/), so that no character of either needs percent-encoding.
     *
     * @throws IllegalArgumentException for a local directory, a URL that names a user already, a password without a
     *                                  user name, or a password the client cannot be given
     */
    public SourceLocation withLogin(String newUsername, String newPassword) {
        if (newUsername == null && newPassword == null) {
            return this;
        }
        String refused = scheme == Scheme.FILE ? "a local directory takes no user name or password"
                : username != null ? "give the user name and password either in the URL or as username and password, not both"
                : newUsername == null || newUsername.isEmpty() ? "a password needs a user name"
                : !passable(newPassword) ? "a password holding both ')' and '}' cannot be passed to the client"
                : null;
        if (refused != null) {
            throw new IllegalArgumentException("The source " + masked() + " cannot be used: " + refused + ".");
        }
        return new SourceLocation(scheme, host, port, newUsername, newPassword, directory, implicitTls, controlEncoding);
    }

    /** Replaces the password, as typed or URL-encoded, by *** in a text such as a third-party error message. */
    String mask(String text) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "***").replace(encode(password), "***");
    }

    private static SourceLocation parseServer(Scheme scheme, String text) {
        URI uri;
        try {
            uri = new URI(text);
        }
        catch (URISyntaxException e) {
            throw invalidUrl(text, "it is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null) {
            throw invalidUrl(text, "it names no host");
        }
        if (uri.getRawFragment() != null) {
            throw invalidUrl(text, "a fragment after # is not supported");
        }
        boolean implicitTls = false;
        String controlEncoding = null;
        for (String option : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&", -1)) {
            if (option.equals(IMPLICIT_TLS) && scheme == Scheme.FTPS && !implicitTls) {
                implicitTls = true;
            }
            else if (option.startsWith(ENCODING) && scheme != Scheme.SFTP && controlEncoding == null) {
                controlEncoding = charset(text, option.substring(ENCODING.length()));
            }
            else {
                throw invalidUrl(text, "the option '" + option + "' is not supported: after ? an ftp:// or ftps://"
                        + " source takes encoding=<charset> of its names (e.g. encoding=GBK), an ftps:// source also"
                        + " implicit=true, joined by &");
            }
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            if (username.isEmpty()) {
                throw invalidUrl(text, "the user name is empty");
            }
            if (!passable(password)) {
                throw invalidUrl(text, "a password holding both ')' and '}' cannot be passed to the client");
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String directory = path.replaceAll("^/+", "").replaceAll("/+$", "");
        // implicit TLS listens on its own port, 990, by default
        int port = uri.getPort() >= 0 ? uri.getPort() : implicitTls ? IMPLICIT_TLS_PORT : scheme.defaultPort;
        if (port < 1 || port > 65535) {
            throw invalidUrl(text, "the port " + port + " is not between 1 and 65535");
        }
        return new SourceLocation(scheme, uri.getHost(), port, username, password, directory, implicitTls,
                controlEncoding);
    }

    /** The canonical name of the charset the option names (GBK, GB18030, UTF-8 …). */
    private static String charset(String text, String name) {
        try {
            if (Charset.isSupported(name)) {
                return Charset.forName(name).name();
            }
        }
        catch (IllegalCharsetNameException e) {
            // told below like an unknown one
        }
        throw invalidUrl(text, "the encoding '" + name + "' is not a charset this Java knows (e.g. GBK, GB18030,"
                + " UTF-8)");
    }

    /** Whether the client can be given the password: in its URI a password is RAW(…) or RAW{…}, so not both ) and }. */
    private static boolean passable(String password) {
        return password == null || !(password.contains(")") && password.contains("}"));
    }

    private static SourceLocation parseFileUrl(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()
                    && !uri.getAuthority().equalsIgnoreCase("localhost")) {
                throw new IllegalArgumentException("The source " + text
                        + " names a remote host: a file: URL must name a local directory, e.g. file:///data/incoming.");
            }
            return local(Path.of(uri.getPath() == null || uri.getPath().isEmpty()
                    ? uri.getSchemeSpecificPart() : uri.getPath()));
        }
        catch (URISyntaxException | InvalidPathException e) {
            throw new IllegalArgumentException("The source " + text + " is not a valid file: URL, e.g."
                    + " file:///data/incoming.", e);
        }
    }

    private static SourceLocation local(Path path) {
        return new SourceLocation(Scheme.FILE, null, -1, null, null, path.toAbsolutePath().normalize().toString());
    }

    private static IllegalArgumentException invalidUrl(String text, String reason) {
        return new IllegalArgumentException("The source " + maskUserInfo(text) + " cannot be used: " + reason
                + ". " + "Write it as scheme://user:password@host:port/directory and percent-encode special"
                + " characters in the user name and password (for example @ as %40, : as %3A, / as %2F).");
    }

    /** Masks what stands between the user name's colon and the last '@' of a text that may be no valid URL. */
    private static String maskUserInfo(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        int slashes = text.indexOf("://");
        int start = slashes >= 0 && slashes < at ? slashes + 3 : text.indexOf(':') + 1;
        int colon = text.indexOf(':', start);
        return colon < 0 || colon > at ? text : text.substring(0, colon) + ":***" + text.substring(at);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
