package dev.oms.local;

import dev.oms.platform.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code !Ref} gives for the template's resources locally, as CloudFormation would on AWS: the name of an event
 * bus, the ARN of a topic or a state machine, the URL of a queue, the name of a bucket. Physical names are the
 * logical ids (buckets lower-cased), in account 000000000000 and region us-east-1.
 */
final class LocalResources {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private LocalResources() { }

    static Map<String, String> references(SamTemplate template) {
        Map<String, String> refs = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Events::EventBus").keySet().forEach(id -> refs.put(id, id));
        template.resourcesOfType("AWS::SNS::Topic").keySet().forEach(id -> refs.put(id, "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + id));
        template.resourcesOfType("AWS::Serverless::StateMachine").keySet()
                .forEach(id -> refs.put(id, "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + id));
        template.resourcesOfType("AWS::SQS::Queue").keySet().forEach(id -> refs.put(id, "http://localhost/" + ACCOUNT + "/" + id));
        template.resourcesOfType("AWS::S3::Bucket").keySet().forEach(id -> refs.put(id, id.toLowerCase(java.util.Locale.ROOT)));
        template.functions().forEach(f -> refs.put(f.logicalId(), f.logicalId()));
        return refs;
    }

    static String functionArn(String logicalId) { return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + logicalId; }
}
