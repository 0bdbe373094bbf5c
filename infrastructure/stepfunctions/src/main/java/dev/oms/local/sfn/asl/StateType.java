package dev.oms.local.sfn.asl;

/** The eight state types of the States Language, named as in the definition and in history event types. */
public enum StateType {
    Task, Choice, Pass, Wait, Parallel, Map, Succeed, Fail
}
