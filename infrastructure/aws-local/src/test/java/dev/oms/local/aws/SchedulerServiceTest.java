package dev.oms.local.aws;

import static dev.oms.local.aws.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.platform.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SchedulerServiceTest {
    static Instant t(String s) { return Instant.parse(s); }

    @Test
    void expressionsFireWhenAwsWould() {
        ScheduleExpression at = ScheduleExpression.parse("at(2026-12-24T18:00:00)");
        assertThat(at.once()).isTrue();
        assertThat(at.next(Instant.EPOCH, t("2026-12-01T00:00:00Z"))).isEqualTo(t("2026-12-24T18:00:00Z"));
        assertThat(at.next(Instant.EPOCH, t("2026-12-25T00:00:00Z"))).isNull();

        ScheduleExpression rate = ScheduleExpression.parse("rate(5 minutes)");
        Instant start = t("2026-12-04T12:00:00Z");
        assertThat(rate.next(start, start)).isEqualTo(t("2026-12-04T12:05:00Z"));
        assertThat(rate.next(start, t("2026-12-04T12:07:30Z"))).isEqualTo(t("2026-12-04T12:10:00Z"));
        assertThat(ScheduleExpression.parse("rate(1 hour)").next(start, start)).isEqualTo(t("2026-12-04T13:00:00Z"));

        // 10:15 UTC Monday to Friday
        ScheduleExpression weekdays = ScheduleExpression.parse("cron(15 10 ? * MON-FRI *)");
        assertThat(weekdays.next(null, t("2026-12-04T11:00:00Z"))).isEqualTo(t("2026-12-07T10:15:00Z")); // Friday -> Monday
        // every 10 minutes between 8 and 17:50 on the first of the month
        ScheduleExpression firsts = ScheduleExpression.parse("cron(0/10 8-17 1 * ? *)");
        assertThat(firsts.next(null, t("2026-12-04T11:00:00Z"))).isEqualTo(t("2027-01-01T08:00:00Z"));
        assertThat(firsts.next(null, t("2027-01-01T08:05:00Z"))).isEqualTo(t("2027-01-01T08:10:00Z"));
        // day-of-week 1 is Sunday, as on AWS
        assertThat(ScheduleExpression.parse("cron(0 0 ? * 1 *)").next(null, t("2026-12-04T00:00:00Z"))).isEqualTo(t("2026-12-06T00:00:00Z"));

        assertThatThrownBy(() -> ScheduleExpression.parse("every 5 minutes")).hasMessageContaining("Not a schedule expression");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 * * * *)")).hasMessageContaining("must be ?");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 L * ? *)")).hasMessageContaining("not supported locally");
    }

    static final class Recorder implements TargetDispatcher {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override public void sendToQueue(String queue, String body, String group) { calls.add("queue " + queue + " " + body); }

        @Override public void invokeFunction(String function, Object event) { calls.add("function " + function + " " + event); }

        @Override public void startExecution(String machine, String input) { calls.add("sfn " + machine + " " + input); }

        @Override public void publishToTopic(String topic, String message) { }
    }

    static SamTemplate template() {
        String yaml = """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Sweeper:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Sweeper::handleRequest
                      Events:
                        Nightly:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: cron(0 3 * * ? *)
                        Legacy:
                          Type: Schedule
                          Properties:
                            Schedule: rate(1 day)
                  Work:
                    Type: AWS::SQS::Queue
                  Soon:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      ScheduleExpression: at(2020-01-01T00:00:00)
                      FlexibleTimeWindow: {Mode: 'OFF'}
                      Target:
                        Arn: !GetAtt Work.Arn
                        RoleArn: arn:aws:iam::000000000000:role/x
                        Input: '{"job":"once"}'
                  Often:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      ScheduleExpression: rate(5 minutes)
                      FlexibleTimeWindow: {Mode: 'OFF'}
                      Target:
                        Arn: !GetAtt Sweeper.Arn
                        RoleArn: arn:aws:iam::000000000000:role/x
                """;
        return SamTemplate.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void playsTheTemplatesSchedulesAndAOneTimeScheduleFiresOnceAcrossRestarts() throws Exception {
        Path state = Files.createTempDirectory("scheduler").resolve("schedules.json");
        Recorder first = new Recorder();
        try (SchedulerService s = SchedulerService.start(template(), first, state)) {
            assertThat(s.names()).containsExactlyInAnyOrder("Soon", "Often", "Sweeper.Nightly", "Sweeper.Legacy");
            // an at() in the past that never fired fires at start
            eventually(Duration.ofSeconds(5), "the one-time schedule", () -> first.calls.contains("queue Work {\"job\":\"once\"}"));
            assertThat(s.runNow("Often")).isTrue();
            assertThat(s.runNow("Nope")).isFalse();
            eventually(Duration.ofSeconds(5), "the function run", () -> first.calls.contains("function Sweeper {}"));
            assertThat(s.runNow("Sweeper.Legacy")).isTrue();
            eventually(Duration.ofSeconds(5), "the scheduled rule's event", () -> first.calls.stream().anyMatch(c -> c.contains("Scheduled Event")));
            var often = s.schedules().stream().filter(x -> x.name().equals("Often")).findFirst().orElseThrow();
            assertThat(often.firings()).isEqualTo(1);
            assertThat(often.nextFire()).isAfter(Instant.now());
        }
        Recorder second = new Recorder();
        try (SchedulerService s = SchedulerService.start(template(), second, state)) {
            Thread.sleep(300);
            assertThat(second.calls).noneMatch(c -> c.startsWith("queue"));
            assertThat(s.schedules().stream().filter(x -> x.name().equals("Soon")).findFirst().orElseThrow().nextFire()).isNull();
        }
    }
}
