package dev.oms.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void passTaskChoice() {
        try (Harness h = new Harness()) {
            h.tasks.returning("arn:aws:lambda:us-east-1:000000000000:function:Price", "{\"total\": 42}");
            String def = """
                {"StartAt":"P","States":{
                  "P":{"Type":"Pass","Result":{"a":1},"ResultPath":"$.p","Next":"T"},
                  "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:Price","ResultPath":"$.price","Next":"C"},
                  "C":{"Type":"Choice","Choices":[{"Variable":"$.price.total","NumericGreaterThan":40,"Next":"Big"}],"Default":"Small"},
                  "Big":{"Type":"Succeed"},
                  "Small":{"Type":"Fail","Error":"Small"}}}""";
            String arn = h.start(def, "{\"x\":\"y\"}");
            ExecutionDescription d = h.service.awaitExecution(arn, Harness.WAIT);
            System.out.println(d);
            h.history(arn).forEach(System.out::println);
            assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }
}
