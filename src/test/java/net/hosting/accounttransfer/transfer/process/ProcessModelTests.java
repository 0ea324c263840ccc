package net.hosting.accounttransfer.transfer.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TextAnnotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** processes/*.bpmn explain themselves: documented elements, default flows, delegates named after tasks. */
class ProcessModelTests {

    private static BpmnModelInstance model() throws Exception {
        return model("account-transfer.bpmn");
    }

    private static BpmnModelInstance model(String file) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("processes", file))) {
            return Bpmn.readModelFromStream(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"account-transfer.bpmn", "transfer-stopped.bpmn"})
    void everyFlowNodeSaysWhyItIsThere(String file) throws Exception {
        Collection<FlowNode> nodes = model(file).getModelElementsByType(FlowNode.class);
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(3);
        assertThat(nodes).allSatisfy(node -> assertThat(node.getDocumentations())
                .as(node.getId()).singleElement().satisfies(doc -> assertThat(doc.getTextContent()).isNotBlank()));
    }

    @Test
    void everyDecisionGatewayHasADefaultFlowAndOneCondition() throws Exception {
        Collection<ExclusiveGateway> gateways = model().getModelElementsByType(ExclusiveGateway.class);
        assertThat(gateways).extracting(BaseElement::getId)
                .containsExactlyInAnyOrder("Gateway_Decision", "Gateway_BillingMode", "Gateway_PreviousPayerRefunded");
        assertThat(gateways).allSatisfy(gateway -> {
            assertThat(gateway.getDefault()).as(gateway.getId()).isNotNull();
            assertThat(gateway.getDefault().getConditionExpression()).isNull();
            assertThat(gateway.getOutgoing()).filteredOn(flow -> flow != gateway.getDefault())
                    .singleElement().satisfies(flow -> assertThat(flow.getConditionExpression()).isNotNull());
        });
    }

    @Test
    void theT9TransactionIsNotedOnTheHandOver() throws Exception {
        BpmnModelInstance model = model();
        TextAnnotation note = model.getModelElementById("TextAnnotation_T9Transaction");
        assertThat(note.getText().getTextContent()).startsWith("T9, one transaction");
        ServiceTask handOver = model.getModelElementById("Task_TransferOwnership");
        assertThat(handOver.isCamundaAsyncBefore()).as("the hand-over commits with the acceptance").isFalse();
        ServiceTask complete = model.getModelElementById("Task_CompleteTransfer");
        assertThat(complete.isCamundaAsyncBefore()).as("COMPLETED commits in the refund's job").isFalse();
    }

    @Test
    void everyServiceTaskCallsTheDelegateNamedAfterIt() throws Exception {
        assertThat(model().getModelElementsByType(ServiceTask.class)).allSatisfy(task -> {
            // the two "Mark the transfer completed" tasks, one per billing path, share the one step
            String step = task.getId().replaceFirst("^Task_", "").replaceFirst("^CompleteTransferAtRenewal$", "CompleteTransfer");
            String bean = step.substring(0, 1).toLowerCase(Locale.ROOT) + step.substring(1) + "Delegate";
            assertThat(task.getCamundaDelegateExpression()).as(task.getId()).isEqualTo("${" + bean + "}");
            assertThat(Class.forName(getClass().getPackageName() + "." + step + "Delegate")).isNotNull();
        });
    }
}
