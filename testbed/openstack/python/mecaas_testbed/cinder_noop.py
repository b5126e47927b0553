"""A Cinder volume driver that records volumes and does nothing with data: create, attach, detach, delete and
boot-from-volume work at the API level on a machine with no device-mapper (so no LVM)."""
from cinder.tests.fake_driver import FakeLoggingVolumeDriver


class NoopVolumeDriver(FakeLoggingVolumeDriver):
    def copy_image_to_volume(self, context, volume, image_service, image_id, disable_sparse=False):
        pass

    def copy_volume_to_image(self, context, volume, image_service, image_meta):
        pass
