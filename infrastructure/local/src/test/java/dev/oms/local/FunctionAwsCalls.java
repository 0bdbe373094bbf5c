package dev.oms.local;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * The IAM actions a function's code can need, read from its deployment jar: a walk of the project's classes
 * ({@code dev/oms/**}) reachable from the handler class (class references, descriptors, inner classes, and the
 * {@code META-INF/services} providers of every reachable service interface), collecting each AWS SDK client call
 * (service clients, presigners; SingleTable's methods where they are called) and each library or signer class that calls AWS on the
 * code's behalf. Over-approximates (a reachable class may never run on this function's routes), never under: the
 * template may grant exactly this and nothing more (LeastPrivilegeIT).
 */
final class FunctionAwsCalls {
    /** One action the code can call, and whether it goes to a DynamoDB index. */
    record Needs(Set<String> actions, boolean queriesIndexes, Set<String> unmapped) { }

    private static final Pattern PROJECT_TYPE = Pattern.compile("L(dev/oms/[^;<]+)[;<]");
    private static final Pattern SERVICE_CLIENT = Pattern.compile("software/amazon/awssdk/services/(\\w+)/\\w+(Client|Presigner)");
    /** Client methods that build, describe or close a client: no AWS call. */
    private static final Set<String> NOT_CALLS = Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration",
            "utilities", "waiter");

    /** Library and signing classes that call AWS for the code that uses them. */
    private static final Map<String, List<String>> CALLING_CLASSES = Map.of(
            // the connector registry's secrets reader: SSM GetParameter and Secrets Manager GetSecretValue, signed JSON calls
            "dev/oms/platform/connectors/vendors/ParameterSecrets", List.of("ssm:GetParameter", "secretsmanager:GetSecretValue"),
            // SES v2 SendEmail and Lambda Invoke (the payments relay), signed REST-JSON calls
            "dev/oms/platform/connectors/aws/SesNotifications", List.of("ses:SendEmail"),
            "dev/oms/platform/aws/LambdaInvocations", List.of("lambda:InvokeFunction"),
            // SNS Publish, SQS SendMessage and the Step Functions task callbacks, signed calls without the clients
            "dev/oms/platform/aws/SnsPublish", List.of("sns:Publish"),
            "dev/oms/platform/messaging/SqsJobQueue", List.of("sqs:SendMessage"),
            "dev/oms/platform/messaging/SfnSagaCallbacks", List.of("states:SendTaskSuccess", "states:SendTaskFailure"),
            // the OpenSearch REST API, SigV4-signed: a managed domain (es) or a serverless collection (aoss)
            "dev/oms/platform/search/OpenSearchHttp", List.of("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete", "aoss:APIAccessAll"));

    /** Project methods that call AWS with the signer alone, by what they do (class/method to actions). */
    private static final Map<String, List<String>> CALLING_METHODS = Map.of(
            // S3 without the S3 client: presigned links, small PUTs and HEADs (SignedS3)
            "dev/oms/platform/aws/SignedS3.presignGet", List.of("s3:GetObject"),
            // HEAD of a key that may be missing: without s3:ListBucket S3 answers 403 instead of 404
            "dev/oms/platform/aws/SignedS3.size", List.of("s3:GetObject", "s3:ListBucket"),
            "dev/oms/platform/aws/SignedS3.presignPut", List.of("s3:PutObject"),
            "dev/oms/platform/aws/SignedS3.put", List.of("s3:PutObject"),
            // the table's own methods, counted where they are called (SingleTable wraps the client for every store)
            "dev/oms/platform/dynamo/SingleTable.get", List.of("dynamodb:GetItem"),
            "dev/oms/platform/dynamo/SingleTable.put", List.of("dynamodb:PutItem"),
            "dev/oms/platform/dynamo/SingleTable.delete", List.of("dynamodb:DeleteItem"),
            "dev/oms/platform/dynamo/SingleTable.query", List.of("dynamodb:Query"),
            "dev/oms/platform/dynamo/SingleTable.transact", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                    "dynamodb:ConditionCheckItem"));

    /**
     * Classes whose own client calls are not counted: each of their methods that calls AWS is in
     * {@link #CALLING_METHODS}, counted where the project's code calls it (so a function that only reads the table is
     * not granted the writes SingleTable can make).
     */
    private static final Set<String> WRAPPERS = Set.of("dev/oms/platform/dynamo/SingleTable", "dev/oms/platform/dynamo/TablePages");

    /** SDK method (service:method) to the IAM actions it needs. */
    private static final Map<String, List<String>> ACTIONS = Map.ofEntries(
            Map.entry("dynamodb:getItem", List.of("dynamodb:GetItem")),
            Map.entry("dynamodb:putItem", List.of("dynamodb:PutItem")),
            Map.entry("dynamodb:updateItem", List.of("dynamodb:UpdateItem")),
            Map.entry("dynamodb:deleteItem", List.of("dynamodb:DeleteItem")),
            Map.entry("dynamodb:query", List.of("dynamodb:Query")),
            Map.entry("dynamodb:scan", List.of("dynamodb:Scan")),
            Map.entry("dynamodb:batchGetItem", List.of("dynamodb:BatchGetItem")),
            Map.entry("dynamodb:batchWriteItem", List.of("dynamodb:BatchWriteItem")),
            Map.entry("dynamodb:transactGetItems", List.of("dynamodb:GetItem")),
            // a transaction is authorized per item action; ConditionCheck items need their own action
            Map.entry("dynamodb:transactWriteItems", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem")),
            Map.entry("sqs:sendMessage", List.of("sqs:SendMessage")),
            Map.entry("sqs:sendMessageBatch", List.of("sqs:SendMessage")),
            Map.entry("sqs:changeMessageVisibility", List.of("sqs:ChangeMessageVisibility")),
            Map.entry("sqs:receiveMessage", List.of("sqs:ReceiveMessage")),
            Map.entry("sqs:deleteMessage", List.of("sqs:DeleteMessage")),
            Map.entry("sqs:getQueueAttributes", List.of("sqs:GetQueueAttributes")),
            Map.entry("s3:putObject", List.of("s3:PutObject")),
            Map.entry("s3:createMultipartUpload", List.of("s3:PutObject")),
            Map.entry("s3:uploadPart", List.of("s3:PutObject")),
            Map.entry("s3:completeMultipartUpload", List.of("s3:PutObject")),
            Map.entry("s3:abortMultipartUpload", List.of("s3:AbortMultipartUpload")),
            Map.entry("s3:getObject", List.of("s3:GetObject")),
            Map.entry("s3:headObject", List.of("s3:GetObject")),
            Map.entry("s3:deleteObject", List.of("s3:DeleteObject")),
            Map.entry("s3:listObjectsV2", List.of("s3:ListBucket")),
            Map.entry("s3:listObjectsV2Paginator", List.of("s3:ListBucket")),
            Map.entry("s3:presignGetObject", List.of("s3:GetObject")),
            Map.entry("s3:presignPutObject", List.of("s3:PutObject")),
            Map.entry("sfn:startExecution", List.of("states:StartExecution")),
            Map.entry("sfn:describeExecution", List.of("states:DescribeExecution")),
            Map.entry("sfn:sendTaskSuccess", List.of("states:SendTaskSuccess")),
            Map.entry("sfn:sendTaskFailure", List.of("states:SendTaskFailure")),
            Map.entry("sfn:sendTaskHeartbeat", List.of("states:SendTaskHeartbeat")),
            Map.entry("sns:publish", List.of("sns:Publish")),
            Map.entry("eventbridge:putEvents", List.of("events:PutEvents")),
            Map.entry("sesv2:sendEmail", List.of("ses:SendEmail")),
            Map.entry("ses:sendEmail", List.of("ses:SendEmail")),
            Map.entry("ses:sendRawEmail", List.of("ses:SendRawEmail")),
            Map.entry("scheduler:createSchedule", List.of("scheduler:CreateSchedule")),
            Map.entry("scheduler:deleteSchedule", List.of("scheduler:DeleteSchedule")),
            Map.entry("cloudwatch:putMetricData", List.of("cloudwatch:PutMetricData")));

    private FunctionAwsCalls() { }

    static Needs of(Path jar, String handlerClass) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        Map<String, List<String>> providers = new HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                var e = entries.nextElement();
                String name = e.getName();
                if (name.startsWith("dev/oms/") && name.endsWith(".class")) {
                    classes.put(name.substring(0, name.length() - 6), zip.getInputStream(e).readAllBytes());
                } else if (name.startsWith("META-INF/services/dev.oms.") && !e.isDirectory()) {
                    String service = name.substring("META-INF/services/".length()).replace('.', '/');
                    providers.put(service, new String(zip.getInputStream(e).readAllBytes()).lines()
                            .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.replace('.', '/')).toList());
                }
            }
        }
        Set<String> seen = new HashSet<>();
        Set<String> sdkCalls = new TreeSet<>();
        Set<String> actions = new TreeSet<>();
        boolean[] index = {false};
        Deque<String> todo = new ArrayDeque<>();
        todo.add(handlerClass.replace('.', '/'));
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (!seen.add(c)) continue;
            byte[] bytes = classes.get(c);
            if (bytes == null) continue;
            // nested classes ($1 lambdas' holders, records) and the providers of a service interface
            for (String other : classes.keySet()) if (other.startsWith(c + "$")) todo.add(other);
            providers.getOrDefault(c, List.of()).forEach(todo::add);
            ClassModel model = ClassFile.of().parse(bytes);
            for (PoolEntry entry : model.constantPool()) {
                if (entry instanceof ClassEntry ce) {
                    visitType(ce.asInternalName(), todo, actions);
                } else if (entry instanceof Utf8Entry u) {
                    Matcher m = PROJECT_TYPE.matcher(u.stringValue());
                    while (m.find()) todo.add(m.group(1));
                } else if (entry instanceof MemberRefEntry ref) {
                    String owner = ref.owner().asInternalName();
                    String method = ref.name().stringValue();
                    List<String> signed = CALLING_METHODS.get(owner + "." + method);
                    if (signed != null) actions.addAll(signed);
                    // a TableQuery on an index: SingleTable's Query goes to the index's ARN
                    if (owner.equals("dev/oms/platform/dynamo/TableQuery$Builder") && method.equals("index")) index[0] = true;
                    if (NOT_CALLS.contains(method) || WRAPPERS.contains(c.contains("$") ? c.substring(0, c.indexOf('$')) : c)) continue;
                    Matcher client = SERVICE_CLIENT.matcher(owner);
                    if (client.matches()) {
                        sdkCalls.add(client.group(1) + ":" + method);
                        continue;
                    }
                }
            }
        }
        Set<String> unmapped = new TreeSet<>();
        for (String call : sdkCalls) {
            List<String> a = ACTIONS.get(call);
            if (a == null) unmapped.add(call); else actions.addAll(a);
        }
        // an index is only queried by a Query (a class may build an index query that this function never runs)
        return new Needs(actions, index[0] && actions.contains("dynamodb:Query"), unmapped);
    }

    private static void visitType(String type, Deque<String> todo, Set<String> actions) {
        List<String> calls = CALLING_CLASSES.get(type);
        if (calls != null) actions.addAll(calls);
        if (type.startsWith("dev/oms/")) todo.add(type);
    }
}
