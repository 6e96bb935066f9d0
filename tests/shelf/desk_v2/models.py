from django.db import models


class Desk(models.Model):
    title = models.CharField(max_length=100)


class Lamp(models.Model):
    desk = models.ForeignKey(Desk, on_delete=models.CASCADE)
    color = models.CharField(max_length=20)
    watts = models.IntegerField()
