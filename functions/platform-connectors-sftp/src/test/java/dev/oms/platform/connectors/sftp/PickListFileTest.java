package dev.oms.platform.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.connector.FulfillmentProvider.Dispatch;
import dev.oms.app.connector.FulfillmentProvider.Item;
import dev.oms.domain.order.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class PickListFileTest {
    static final Dispatch D = new Dispatch("ord_1", 42, "ful_1", "wh_1",
            List.of(new Item("lin_1", "SKU-1", 2), new Item("lin_2", "=SUM(A1)", 1)),
            new Address("Ada, \"the\" Countess", null, "1 Road*~", null, "London", null, "N1", "GB", "+44 20", null), "UPS", "ground", "ref-1");

    @Test
    void csvHasAHeaderAndARowPerLineQuotedAndSafeForSpreadsheets() {
        List<String> rows = PickListFile.CSV.render(D).lines().toList();
        assertThat(rows.get(0)).isEqualTo(String.join(",", PickListFile.CSV_HEADER));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("ord_1,42,ful_1,wh_1,lin_1,SKU-1,2,UPS,ground,ref-1,\"Ada, \"\"the\"\" Countess\",,1 Road*~,,London,,N1,GB,'+44 20");
        assertThat(rows.get(2)).contains(",'=SUM(A1),1,");
        assertThat(SftpFulfillmentProvider.fields(rows.get(1))).element(10).isEqualTo("Ada, \"the\" Countess");
    }

    @Test
    void ediHasOneSegmentPerLineAndNoSeparatorInsideAValue() {
        List<String> segments = PickListFile.EDI.render(D).lines().toList();
        assertThat(segments).containsExactly("W05*N*ord_1*ful_1*42*wh_1~", "N1*ST*Ada, \"the\" Countess*~", "N3*1 Road  *~",
                "N4*London**N1*GB~", "W66*UPS*ground~", "LX*1~", "W01*2*EA*lin_1*VN*SKU-1~", "LX*2~", "W01*1*EA*lin_2*VN*=SUM(A1)~", "W76*2~");
        assertThat(PickListFile.of("edi").extension).isEqualTo(".edi");
        assertThat(PickListFile.of("csv").extension).isEqualTo(".csv");
    }
}
