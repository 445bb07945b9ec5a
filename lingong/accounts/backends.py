"""Permissions follow the role: a back-office user has their role group's permissions."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from .roles import role_group_name


class RolePermissionBackend(ModelBackend):
    """Django's own backend, plus the permissions of the group named for the user's role."""

    def _get_group_permissions(self, user_obj):
        by_groups = super()._get_group_permissions(user_obj)
        by_role = Permission.objects.filter(group__name=role_group_name(user_obj.role))
        return by_groups | by_role


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, first in line: a locked-out account is refused before any password is tried.

    It authenticates nobody and grants nothing (permissions stay with the role backend); it only
    finds the user of a session that names it, as Django's test client and `login()` may.
    """

    def get_user(self, user_id):
        return RolePermissionBackend().get_user(user_id)
