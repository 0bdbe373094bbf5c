package dev.oms.app.connector.registry;

import dev.oms.domain.DomainException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an adapter accepts: its settings (plain values) and its secrets (references to Secrets Manager or SSM), which
 * of them it needs, and the rules of their values. {@link #check} answers every problem of a configuration.
 */
public record AdapterSpec(String adapter, Set<String> settings, Set<String> requiredSettings, Set<String> secrets,
                          Set<String> requiredSecrets) {

    /** {@code ssm:/path} (an SSM SecureString), {@code secretsmanager:name} (a secret), {@code env:NAME} (local runtime). */
    public static final Pattern SECRET_REFERENCE = Pattern.compile(
            "ssm:/[A-Za-z0-9_.\\-/]{1,1000}|secretsmanager:[A-Za-z0-9/_+=.@\\-]{1,512}|env:[A-Z][A-Z0-9_]{0,127}");
    private static final Pattern URL = Pattern.compile("https://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~\\-/]*)?"
            + "|http://(localhost|127\\.0\\.0\\.1)(:[0-9]{1,5})?(/[A-Za-z0-9._~\\-/]*)?");
    private static final Pattern POSITIVE = Pattern.compile("[1-9][0-9]{0,5}");
    private static final Pattern RETRIES = Pattern.compile("[0-5]");
    public static final int MAX_VALUE_LENGTH = 500;

    public static final AdapterSpec SANDBOX = new AdapterSpec("sandbox", Set.of(), Set.of(), Set.of(), Set.of());
    public static final AdapterSpec STRIPE = new AdapterSpec("stripe",
            Set.of("api_base", "multicapture", "timeout_ms", "max_network_retries"), Set.of(),
            Set.of("api_key", "webhook_secret"), Set.of("api_key"));

    public static final AdapterSpec EASYPOST = new AdapterSpec("easypost",
            Set.of("api_base", "label_format", "from_address", "timeout_ms", "verify_addresses"), Set.of(),
            Set.of("api_key", "webhook_secret"), Set.of("api_key"));

    public static final AdapterSpec SES = new AdapterSpec("ses",
            Set.of("from_address", "configuration_set", "template_prefix", "default_locale", "sms_sender_id"), Set.of("from_address"),
            Set.of(), Set.of());
    public static final AdapterSpec SNS_SMS = new AdapterSpec("sns_sms", Set.of("sms_sender_id"), Set.of(), Set.of(), Set.of());

    public static final AdapterSpec HTTP = new AdapterSpec("http", Set.of("base_url", "timeout_ms", "max_attempts"), Set.of("base_url"),
            Set.of("signing_secret"), Set.of("signing_secret"));

    /** A file-drop fulfilment provider over SFTP (fulfilment connectors of type {@code ftp}): a password or a private key. */
    public static final AdapterSpec SFTP = new AdapterSpec("sftp",
            Set.of("host", "port", "username", "orders_dir", "inventory_file", "format", "host_key", "timeout_ms"), Set.of("host", "username"),
            Set.of("password", "private_key"), Set.of());

    private static final Map<String, AdapterSpec> BY_NAME = Map.of("sandbox", SANDBOX, "stripe", STRIPE, "easypost", EASYPOST,
            "ses", SES, "sns_sms", SNS_SMS, "http", HTTP, "sftp", SFTP);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9\\-.]{0,252})");
    private static final Pattern SFTP_USER = Pattern.compile("[A-Za-z0-9._@\\-]{1,64}");
    private static final Pattern RELATIVE_PATH = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_\\-][A-Za-z0-9._\\-/]{0,199}");
    private static final Pattern HOST_KEY = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
    private static final Pattern EMAIL = Pattern.compile("([^<>@\\s]{1,64}@[A-Za-z0-9.\\-]{1,253})|[^<>]{1,100}<[^<>@\\s]{1,64}@[A-Za-z0-9.\\-]{1,253}>");
    private static final Pattern SES_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final Pattern SENDER_ID = Pattern.compile("[A-Za-z0-9]{1,11}");

    public static AdapterSpec of(String adapter) { return BY_NAME.get(adapter); }

    public List<FieldError> check(Map<String, String> givenSettings, Map<String, String> givenSecrets) {
        List<FieldError> errors = new ArrayList<>();
        for (var e : givenSettings.entrySet()) {
            String field = "settings." + e.getKey();
            if (!settings.contains(e.getKey())) errors.add(new FieldError(field, "field.unknown", adapter + " has no setting " + e.getKey() + "; it takes " + settings));
            else if (e.getValue() == null || e.getValue().isEmpty() || e.getValue().length() > MAX_VALUE_LENGTH) errors.add(new FieldError(field, "field.length", "1 to " + MAX_VALUE_LENGTH + " characters"));
            else if ((e.getKey().equals("api_base") || e.getKey().equals("base_url")) && !URL.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "field.format", "an https:// URL (http:// only for localhost)"));
            else if (e.getKey().equals("label_format") && !Set.of("PDF", "ZPL", "PNG").contains(e.getValue())) errors.add(new FieldError(field, "field.not_allowed", "PDF, ZPL or PNG"));
            else if (e.getKey().equals("from_address") && adapter.equals("easypost") && e.getValue().split("\\|", -1).length != 5) errors.add(new FieldError(field, "field.format", "name|street|city|postal code|country"));
            else if (e.getKey().equals("from_address") && adapter.equals("ses") && !EMAIL.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "field.format", "an email address, or Name <address>"));
            else if ((e.getKey().equals("configuration_set") || e.getKey().equals("template_prefix") || e.getKey().equals("default_locale")) && !SES_NAME.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "field.format", "letters, digits, _ and -"));
            else if (e.getKey().equals("sms_sender_id") && !SENDER_ID.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "field.format", "1 to 11 letters or digits"));
            else if (e.getKey().equals("verify_addresses") && !Set.of("strict", "off").contains(e.getValue())) errors.add(new FieldError(field, "field.not_allowed", "strict or off"));
            else if (e.getKey().equals("multicapture") && !Set.of("true", "false").contains(e.getValue())) errors.add(new FieldError(field, "field.not_allowed", "true or false"));
            else if (e.getKey().equals("timeout_ms") && !POSITIVE.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "field.format", "a positive whole number of milliseconds"));
            else if (e.getKey().equals("max_network_retries") && !RETRIES.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "field.format", "0 to 5"));
            else if (e.getKey().equals("max_attempts") && !e.getValue().matches("[1-5]")) errors.add(new FieldError(field, "field.format", "1 to 5"));
            else if (e.getKey().equals("host") && !HOST.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "field.format", "a host name or IP address"));
            else if (e.getKey().equals("port") && !(POSITIVE.matcher(e.getValue()).matches() && Integer.parseInt(e.getValue()) <= 65535)) errors.add(new FieldError(field, "field.format", "1 to 65535"));
            else if (e.getKey().equals("username") && !SFTP_USER.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "field.format", "1 to 64 letters, digits, ., _, @ and -"));
            else if ((e.getKey().equals("orders_dir") || e.getKey().equals("inventory_file")) && !RELATIVE_PATH.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "field.format", "a path relative to the login directory, without .."));
            else if (e.getKey().equals("format") && !Set.of("csv", "edi").contains(e.getValue())) errors.add(new FieldError(field, "field.not_allowed", "csv or edi"));
            else if (e.getKey().equals("host_key") && !HOST_KEY.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "field.format", "the server key's SHA256 fingerprint, SHA256:<base64> as ssh-keygen -lf prints it"));
        }
        for (String required : requiredSettings) {
            if (!givenSettings.containsKey(required)) errors.add(new FieldError("settings." + required, "field.required", adapter + " needs the setting " + required));
        }
        for (var e : givenSecrets.entrySet()) {
            String field = "secrets." + e.getKey();
            if (!secrets.contains(e.getKey())) errors.add(new FieldError(field, "field.unknown", adapter + " has no secret " + e.getKey() + "; it takes " + secrets));
            else if (e.getValue() == null || !SECRET_REFERENCE.matcher(e.getValue()).matches()) errors.add(new FieldError(field, "secret.reference_invalid",
                    "a reference such as ssm:/oms/acme/stripe-api-key, secretsmanager:oms/acme/stripe or env:STRIPE_KEY; never the secret itself"));
        }
        for (String required : requiredSecrets) {
            if (!givenSecrets.containsKey(required)) errors.add(new FieldError("secrets." + required, "field.required", adapter + " needs the secret " + required));
        }
        if (adapter.equals("sftp") && givenSecrets.containsKey("password") == givenSecrets.containsKey("private_key")) {
            errors.add(new FieldError("secrets.password", "field.exclusive", "sftp signs in with exactly one of the secrets password and private_key"));
        }
        return errors;
    }
}
