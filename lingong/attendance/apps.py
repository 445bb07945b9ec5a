from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "lingong.attendance"
    label = "attendance"
    verbose_name = "确认与考勤 Attendance"
