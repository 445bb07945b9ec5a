"""Permissions follow the role: a back-office user has their role group's permissions."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from .roles import role_group_name


class RolePermissionBackend(ModelBackend):
    """Django's own backend, plus the permissions of the group named for the user's role."""

    def _get_group_permissions(self, user_obj):
        by_groups = super()._get_group_permissions(user_obj)
        by_role = Permission.objects.filter(group__name=role_group_name(user_obj.role))
        return by_groups | by_role
