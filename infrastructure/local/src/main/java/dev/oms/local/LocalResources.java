package dev.oms.local;

import dev.oms.platform.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code !Ref} and {@code !GetAtt} give locally for the resources the local cloud does not name itself (state
 * machines, functions), as CloudFormation would on AWS, in account 000000000000 and region us-east-1.
 */
final class LocalResources {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private LocalResources() { }

    static Map<String, String> references(SamTemplate template) {
        Map<String, String> refs = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Serverless::StateMachine").keySet().forEach(id -> refs.put(id, stateMachineArn(id)));
        template.functions().forEach(f -> refs.put(f.logicalId(), f.logicalId()));
        // SAM's !Ref Function.Alias (AutoPublishAlias): the alias's ARN
        template.functions().forEach(f -> {
            if (f.properties().get("AutoPublishAlias") instanceof String alias) refs.put(f.logicalId() + ".Alias", functionArn(f.logicalId()) + ":" + alias);
        });
        return refs;
    }

    static String stateMachineArn(String logicalId) { return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + logicalId; }

    /** {@code !GetAtt Id.Attribute} locally: ARNs of queues, functions and state machines, names of topics and machines. */
    static String getAtt(LocalCloud cloud, String id, String attribute) {
        if (cloud.sqs.queues().containsKey(id)) return attribute.equals("Arn") ? cloud.sqs.queueArn(id) : cloud.sqs.queue(id).name();
        if (attribute.equals("TopicName")) return id;
        if (attribute.equals("Name")) return id;
        if (attribute.equals("StreamArn")) return id;
        if (attribute.equals("Arn")) return functionArn(id);
        return id;
    }

    static String functionArn(String logicalId) { return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + logicalId; }
}
