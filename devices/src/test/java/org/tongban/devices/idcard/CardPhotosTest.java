package org.tongban.devices.idcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;

class CardPhotosTest {

    private final IdCard card;

    CardPhotosTest() throws DeviceException {
        card = new IdCardTextParser().parse(CardText.resident().bytes(), CardText.photo(), null);
    }

    @Test
    void withoutADecoderThePhotoIsSaidToBeUnavailable() {
        CardPhotos photos = CardPhotos.installed(); // none on the test class path
        assertThat(photos.available(), is(false));
        DeviceException e = assertThrows(DeviceException.class, () -> photos.decode(card));
        assertThat(e.getMessage(), containsString("card photo unavailable: no licensed WLT decoder installed"));
    }

    @Test
    void anInstalledDecoderGetsTheWltBytes() throws DeviceException {
        WltDecoder fake = new WltDecoder() {
            @Override
            public String describe() {
                return "test decoder";
            }

            @Override
            public Image decode(byte[] wlt) {
                return new Image("image/bmp", 102, 126, new byte[] {wlt[0], wlt[1]});
            }
        };
        CardPhotos photos = new CardPhotos(Optional.of(fake));
        assertThat(photos.describe(), is("test decoder"));
        assertThat(new String(photos.decode(card).bytes()), is("WL"));
    }
}
