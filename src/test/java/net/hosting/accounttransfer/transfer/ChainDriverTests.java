package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;

/**
 * ChainDriver replays the process's steps without the engine; these tests hold its order to the BPMN model, so a
 * step added, moved or dropped there fails here rather than leaving the chain properties proving an old order.
 */
class ChainDriverTests {

    private static final String FIRST_STEP = "Task_TransferOwnership";

    @Test
    void immediateReplaysEveryStepOfTheModelsImmediatePathInItsOrder() throws Exception {
        assertThat(stepsAfterTheDecision(BillingMode.IMMEDIATE)).isEqualTo(ChainDriver.IMMEDIATE);
    }

    @Test
    void atRenewalReplaysEveryStepOfTheModelsRenewalPathInItsOrder() throws Exception {
        assertThat(stepsAfterTheDecision(BillingMode.AT_RENEWAL)).isEqualTo(ChainDriver.AT_RENEWAL);
    }

    /**
     * The service tasks and timers from the hand-over to the end, on the branches of {@code mode}, that ChainDriver
     * must run: all but the mails (Task_Notify…, Task_Remind…) and the status change (Task_Complete…), which
     * issue no document and move no account.
     */
    private static List<String> stepsAfterTheDecision(BillingMode mode) throws Exception {
        BpmnModelInstance model;
        try (InputStream bpmn = ChainDriverTests.class.getResourceAsStream("/processes/account-transfer.bpmn")) {
            model = Bpmn.readModelFromStream(bpmn);
        }
        List<String> steps = new ArrayList<>();
        walk(model.getModelElementById(FIRST_STEP), mode, new HashSet<>(), steps);
        return steps;
    }

    private static void walk(FlowNode node, BillingMode mode, Set<String> seen, List<String> steps) {
        if (!seen.add(node.getId())) {
            return;
        }
        boolean replayed = node instanceof ServiceTask && !node.getId().startsWith("Task_Notify")
                && !node.getId().startsWith("Task_Remind") && !node.getId().startsWith("Task_Complete")
                || node instanceof IntermediateCatchEvent;
        if (replayed) {
            steps.add(node.getId());
        }
        for (SequenceFlow flow : node.getOutgoing()) {
            if (taken(node, flow, mode)) {
                walk(flow.getTarget(), mode, seen, steps);
            }
        }
    }

    /** A flow is left out when its condition names another billing mode, or it is the default beside one naming it. */
    private static boolean taken(FlowNode node, SequenceFlow flow, BillingMode mode) {
        ConditionExpression condition = flow.getConditionExpression();
        if (condition != null) {
            String text = condition.getTextContent();
            for (BillingMode other : BillingMode.values()) {
                if (other != mode && text.contains("'" + other.name() + "'")) {
                    return false;
                }
            }
            return true;
        }
        if (node instanceof ExclusiveGateway gateway && flow.equals(gateway.getDefault())) {
            return gateway.getOutgoing().stream().map(SequenceFlow::getConditionExpression)
                    .noneMatch(other -> other != null && other.getTextContent().contains("'" + mode.name() + "'"));
        }
        return true;
    }
}
