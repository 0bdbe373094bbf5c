package dev.oms.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamTemplateTest {
    private static SamTemplate template;

    @BeforeAll
    static void read() throws Exception {
        Path file = Path.of("../../template.yaml");
        assertThat(file).exists();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            template = SamTemplate.read(r);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @Test
    void everyFunctionHasAHandler() {
        List<SamTemplate.Function> functions = template.functions();
        assertThat(functions).extracting(SamTemplate.Function::logicalId)
                .contains("OrdersApiFunction", "RouteFallbackFunction")
                .doesNotContain("AuthorizerFunction"); // functions verify tokens themselves: one invocation per request
        for (SamTemplate.Function f : functions) {
            assertThat(f.handler()).as(f.logicalId()).matches("[A-Za-z0-9_.]+::handleRequest");
        }
        Map<String, String> handlers = functions.stream()
                .collect(Collectors.toMap(SamTemplate.Function::logicalId, SamTemplate.Function::handler));
        assertThat(handlers).containsEntry("OrdersApiFunction", "dev.oms.orders.OrdersApiFunction::handleRequest");
    }

    @Test
    void functionsAreOnlyServerlessFunctions() {
        assertThat(template.functions()).extracting(SamTemplate.Function::logicalId).doesNotContain("OrdersTable", "HttpApi");
    }

    @Test
    void refBecomesARefMap() {
        Map<String, Object> vars = map(map(map(map(template.section("Globals").get("Function")).get("Environment")).get("Variables")));
        assertThat(vars.get("TABLE_NAME")).isEqualTo(Map.of("Ref", "OrdersTable"));
        assertThat(vars.get("OMS_TOKEN_SECRET")).isEqualTo(Map.of("Ref", "TokenSecret"));
        assertThat(vars.get("POWERTOOLS_SERVICE_NAME")).isEqualTo("oms");
    }

    @Test
    void getAttBecomesAFnGetAttList() {
        Map<String, Object> queues = new java.util.LinkedHashMap<>();
        for (SamTemplate.Function f : template.functions()) {
            Map<String, Object> events = map(f.properties().getOrDefault("Events", Map.of()));
            for (Object e : events.values()) {
                Map<String, Object> event = map(e);
                if ("SQS".equals(event.get("Type"))) queues.put(f.logicalId(), map(event.get("Properties")).get("Queue"));
            }
        }
        assertThat(queues.values()).contains(Map.of("Fn::GetAtt", List.of("WebhookEventsQueue", "Arn")));
    }

    @Test
    void subBecomesAFnSubMap() {
        Map<String, Object> apiUrl = map(template.section("Outputs").get("ApiUrl"));
        assertThat(apiUrl.get("Value")).isEqualTo(Map.of("Fn::Sub", "https://${HttpApi}.execute-api.${AWS::Region}.amazonaws.com"));
    }

    @Test
    void routesOfTheRealTemplateResolveAsApiGatewayChoosesThem() {
        assertThat(template.routeFor("POST", "/v1/orders").function()).isEqualTo("OrdersApiFunction");
        assertThat(template.routeFor("GET", "/v1/orders/{orderId}").function()).isEqualTo("OrdersApiFunction");
        assertThat(template.routeFor("GET", "/v1/orders/audit").function()).isEqualTo("OrdersApiFunction");
        assertThat(template.routeFor("PATCH", "/v1/orders/{orderId}/lines/{lineId}").function()).isEqualTo("OrdersApiFunction");
        assertThat(template.routeFor("PATCH", "/v1/orders/ord_1/lines/ln_2").function()).isEqualTo("OrdersApiFunction");
        assertThat(template.routeFor("GET", "/v1/orders/ord_1/fulfillments").function()).isEqualTo("FulfilmentApiFunction");
        assertThat(template.routeFor("POST", "/v1/orders/{orderId}/cancel").function()).isEqualTo("CancellationsApiFunction");
        assertThat(template.routeFor("POST", "/v1/orders/search").function()).isEqualTo("OrderSearchFunction");
        assertThat(template.routeFor("GET", "/v1/nothing-here").function()).isEqualTo("RouteFallbackFunction");
        assertThat(template.httpRoutes()).contains(new SamTemplate.HttpRoute("RouteFallbackFunction", "ANY", "$default"));
    }

    private static String op(String method, String function) {
        return "            " + method + ":\n              x-amazon-apigateway-integration:\n                type: aws_proxy\n"
                + "                uri: !Sub 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${"
                + function + "}/invocations'\n";
    }

    private static final String DEFINITION = String.join("\n",
            "Resources:",
            "  Api:",
            "    Type: AWS::Serverless::HttpApi",
            "    Properties:",
            "      DefinitionBody:",
            "        paths:",
            "          /v1/orders/{orderId}/lines/{lineId}:",
            op("patch", "LinesAliaslive") + op("delete", "Lines.Arn") + "          /v1/orders/{orderId}/lines/bulk:",
            op("post", "Bulk.Alias") + "          /v1/orders/{orderId}:",
            op("get", "Orders") + "          /v1/orders/search:",
            op("post", "Search") + "          $default:",
            op("x-amazon-apigateway-any-method", "Fallback"),
            "  Lines: {Type: AWS::Serverless::Function, Properties: {AutoPublishAlias: live}}",
            "  Bulk: {Type: AWS::Serverless::Function, Properties: {AutoPublishAlias: live}}",
            "  Orders: {Type: AWS::Serverless::Function, Properties: {}}",
            "  Search: {Type: AWS::Serverless::Function, Properties: {}}",
            "  Fallback: {Type: AWS::Serverless::Function, Properties: {}}",
            "");

    @Test
    void definitionBodyOperationsNameTheirFunctionsAndLiteralSegmentsBeatParameters() {
        SamTemplate t = SamTemplate.read(new StringReader(DEFINITION));
        assertThat(t.httpRoutes()).containsExactlyInAnyOrder(
                new SamTemplate.HttpRoute("Lines", "PATCH", "/v1/orders/{orderId}/lines/{lineId}"),
                new SamTemplate.HttpRoute("Lines", "DELETE", "/v1/orders/{orderId}/lines/{lineId}"),
                new SamTemplate.HttpRoute("Bulk", "POST", "/v1/orders/{orderId}/lines/bulk"),
                new SamTemplate.HttpRoute("Orders", "GET", "/v1/orders/{orderId}"),
                new SamTemplate.HttpRoute("Search", "POST", "/v1/orders/search"),
                new SamTemplate.HttpRoute("Fallback", "ANY", "$default"));
        assertThat(t.routeFor("POST", "/v1/orders/o1/lines/bulk").function()).isEqualTo("Bulk");
        assertThat(t.routeFor("PATCH", "/v1/orders/o1/lines/l1").function()).isEqualTo("Lines");
        assertThat(t.routeFor("POST", "/v1/orders/search").function()).isEqualTo("Search");
        assertThat(t.routeFor("GET", "/v1/orders/search").function()).isEqualTo("Orders"); // as API Gateway does
        assertThat(t.routeFor("POST", "/v1/orders/o1/lines/l1").function()).isEqualTo("Fallback");
    }

    @Test
    void routesCostNoResourcesFunctionsDeclareNoHttpApiEvents() {
        for (SamTemplate.Function f : template.functions()) {
            Map<String, Object> events = map(f.properties().getOrDefault("Events", Map.of()));
            assertThat(events.values()).as(f.logicalId() + ": declare routes in the HttpApi's DefinitionBody (docs/api-contract.md)")
                    .noneMatch(e -> "HttpApi".equals(map(e).get("Type")));
        }
    }

    @Test
    void everyFunctionBehindARouteMayBeInvokedByTheApiOnce() {
        Map<String, Long> permissions = template.resourcesOfType("AWS::Lambda::Permission").values().stream()
                .filter(p -> "apigateway.amazonaws.com".equals(p.get("Principal")))
                .collect(Collectors.groupingBy(p -> String.valueOf(map(p.get("FunctionName")).get("Ref")), Collectors.counting()));
        Set<String> behindRoutes = template.httpRoutes().stream().map(SamTemplate.HttpRoute::function).collect(Collectors.toSet());
        assertThat(permissions.keySet()).containsExactlyInAnyOrderElementsOf(
                behindRoutes.stream().map(f -> f + "Aliaslive").toList());
        assertThat(permissions.values()).containsOnly(1L);
    }

    /** docs/operations.md: what an operator is told is watched is in the template. */
    @Test
    void everyFunctionAndDeadLetterQueueHasAnAlarmThatNotifiesTheTopic() {
        Map<String, Map<String, Object>> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        for (SamTemplate.Function f : template.functions()) assertThat(alarms).as(f.logicalId()).containsKey(f.logicalId() + "ErrorsAlarm");
        template.resourcesOfType("AWS::SQS::Queue").keySet().stream().filter(q -> q.endsWith("DLQ"))
                .forEach(q -> assertThat(alarms).as(q).containsKey(q + "Alarm"));
        assertThat(alarms).containsKeys("SagasFailedAlarm", "SagaStartsParkedAlarm", "SagaStartsLostAlarm", "TableThrottlesAlarm",
                "Api5xxRateAlarm", "ApiLatencyP99Alarm", "WebhookFailuresAlarm", "ConnectorCircuitsAlarm", "SearchClusterRedAlarm");
        alarms.forEach((id, a) -> assertThat(a.get("AlarmActions")).as(id).isEqualTo(List.of(Map.of("Ref", "AlarmTopic"))));
    }

    @Test
    void functionsAndSagasAreTracedAndLogToOneGroupWithRetention() {
        Map<String, Object> globals = map(template.section("Globals").get("Function"));
        assertThat(globals.get("Tracing")).isEqualTo("Active");
        assertThat(map(globals.get("LoggingConfig")).get("LogGroup")).isEqualTo(Map.of("Ref", "FunctionLogs"));
        assertThat(template.resourcesOfType("AWS::Logs::LogGroup")).allSatisfy((id, g) ->
                assertThat(g.get("RetentionInDays")).as(id).isEqualTo(Map.of("Ref", "LogRetentionDays")));
        assertThat(template.resourcesOfType("AWS::Serverless::StateMachine")).isNotEmpty().allSatisfy((id, sm) ->
                assertThat(sm.get("Tracing")).as(id).isEqualTo(Map.of("Enabled", true)));
        for (SamTemplate.Function f : template.functions()) {
            assertThat(f.properties()).as(f.logicalId() + " keeps the global tracing and log group").doesNotContainKeys("Tracing", "LoggingConfig");
        }
    }

    @Test
    void noRouteKeyAppearsTwice() {
        Map<String, Long> counts = template.httpRoutes().stream()
                .collect(Collectors.groupingBy(SamTemplate.HttpRoute::key, Collectors.counting()));
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)).isEmpty();
    }

    @Test
    void onlyTheFallbackIsTheDefaultRoute() {
        assertThat(template.httpRoutes().stream().filter(r -> r.path().equals("$default")))
                .extracting(SamTemplate.HttpRoute::function).containsExactly("RouteFallbackFunction");
    }

    @Test
    void everyRouteBelongsToAFunctionWithAHandler() {
        Set<String> functions = template.functions().stream().map(SamTemplate.Function::logicalId).collect(Collectors.toSet());
        assertThat(template.httpRoutes()).allSatisfy(r -> {
            assertThat(functions).contains(r.function());
            assertThat(r.method()).isIn("GET", "POST", "PUT", "PATCH", "DELETE", "ANY");
            assertThat(r.path()).satisfiesAnyOf(p -> assertThat(p).startsWith("/v1/"), p -> assertThat(p).isEqualTo("$default"),
                    p -> assertThat(p).startsWith("/merchant/api/v1/"), p -> assertThat(p).startsWith("/api/orders")); // seeds 004 and 002
        });
    }

    @Test
    void tableResource() {
        assertThat(template.resourcesOfType("AWS::DynamoDB::Table")).containsKey("OrdersTable");
        assertThat(template.resourcesOfType("AWS::DynamoDB::Table").get("OrdersTable").get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    }

    // ---- intrinsic tags in a small inline template --------------------------------------------------------------

    private static final String INLINE = String.join("\n",
            "Conditions:",
            "  IsProd: !Equals [!Ref Stage, prod]",
            "Resources:",
            "  Fn:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      Handler: a.B::handleRequest",
            "      Role: !GetAtt [Role, Arn]",
            "      Name: !Sub",
            "        - '${Prefix}-fn'",
            "        - Prefix: !Ref Stage",
            "      Layers: !If [IsProd, !Join [',', [!Ref A, !Ref B]], !Ref AWS::NoValue]",
            "      Cond: !Condition IsProd",
            "      Mapped: !FindInMap {Map: x}",
            "      Events:",
            "        Lower:",
            "          Type: HttpApi",
            "          Properties:",
            "            Path: /v1/x/{id}",
            "            Method: get",
            "        Queue:",
            "          Type: SQS",
            "          Properties:",
            "            Queue: !GetAtt Q.Arn",
            "  NoProps:",
            "    Type: AWS::Serverless::Function",
            "");

    @Test
    void intrinsicTagsOfEveryShape() {
        SamTemplate t = SamTemplate.read(new StringReader(INLINE));
        Map<String, SamTemplate.Function> fns = t.functions().stream().collect(Collectors.toMap(SamTemplate.Function::logicalId, Function.identity()));
        Map<String, Object> p = fns.get("Fn").properties();
        assertThat(p.get("Role")).isEqualTo(Map.of("Fn::GetAtt", List.of("Role", "Arn")));
        assertThat(p.get("Name")).isEqualTo(Map.of("Fn::Sub", List.of("${Prefix}-fn", Map.of("Prefix", Map.of("Ref", "Stage")))));
        assertThat(p.get("Layers")).isEqualTo(Map.of("Fn::If", List.of("IsProd",
                Map.of("Fn::Join", List.of(",", List.of(Map.of("Ref", "A"), Map.of("Ref", "B")))),
                Map.of("Ref", "AWS::NoValue"))));
        assertThat(p.get("Cond")).isEqualTo(Map.of("Condition", "IsProd"));
        assertThat(p.get("Mapped")).isEqualTo(Map.of("Fn::FindInMap", Map.of("Map", "x")));
        assertThat(t.section("Conditions").get("IsProd")).isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "prod")));
        assertThat(fns.get("NoProps").handler()).isEqualTo("null");
    }

    @Test
    void missingSectionsAreEmpty() {
        SamTemplate t = SamTemplate.read(new StringReader("Description: nothing\n"));
        assertThat(t.resources()).isEmpty();
        assertThat(t.functions()).isEmpty();
        assertThat(t.httpRoutes()).isEmpty();
        assertThat(t.section("Outputs")).isEmpty();
    }
}
