from django.urls import path

from apps.beranda import views

app_name = "beranda"
urlpatterns = [
    path("", views.index, name="index"),
]
