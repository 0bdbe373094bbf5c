package dev.oms.local.sfn;

import java.util.regex.Pattern;

/**
 * The ARNs of this emulator: {@code arn:aws:states:<region>:<account>:stateMachine:<name>} and
 * {@code arn:aws:states:<region>:<account>:execution:<machine>:<name>}, and the AWS naming rules for both names.
 */
public final class Arns {
    private static final Pattern INVALID_NAME_CHARACTERS =
            Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]");
    private static final int MAX_NAME_LENGTH = 80;

    private final String region;
    private final String accountId;

    public Arns(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    public String stateMachine(String name) {
        return "arn:aws:states:" + region + ":" + accountId + ":stateMachine:" + name;
    }

    public String execution(String stateMachineName, String executionName) {
        return "arn:aws:states:" + region + ":" + accountId + ":execution:" + stateMachineName + ":" + executionName;
    }

    /** The state machine name of a state machine ARN; InvalidArn when it is not one. */
    public static String stateMachineName(String arn) {
        String[] parts = split(arn);
        if (parts.length != 7 || !parts[5].equals("stateMachine")) {
            throw invalid(arn);
        }
        return parts[6];
    }

    /** The state machine name of an execution ARN; InvalidArn when it is not one. */
    public static String executionMachineName(String arn) {
        String[] parts = split(arn);
        if (parts.length != 8 || !parts[5].equals("execution")) {
            throw invalid(arn);
        }
        return parts[6];
    }

    public static void checkName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH
                || INVALID_NAME_CHARACTERS.matcher(name).find()) {
            throw StepFunctionsException.of("InvalidName", "Invalid " + what + " name: '" + name
                    + "' (1 to 80 characters, no whitespace, brackets, wildcards or special characters)");
        }
    }

    private static String[] split(String arn) {
        if (arn == null || !arn.startsWith("arn:aws:states:")) {
            throw invalid(arn);
        }
        return arn.split(":", -1);
    }

    private static StepFunctionsException invalid(String arn) {
        return StepFunctionsException.of("InvalidArn", "Invalid Arn: '" + arn + "'");
    }
}
